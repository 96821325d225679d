"""Quotation marks and Spanish inverted marks, driven by the target's language profile
(app/core/profiles.py; issue 20). French keeps its own checks (fr-quotes in layout.py,
fr-punctuation-space in typography.py); these run for the other languages with a profile.

Nothing inside what app/core/markup.py protects (code, placeholders, URLs, quoted code,
tags, ...) is judged.

quote-style  (typography)
    - Straight double quotes around prose in a language whose typography wants its own
      (German, Spanish, Italian, Portuguese, Polish, Russian, Japanese, Chinese):
      'Klicken Sie auf "Speichern".' -> „Speichern“; fix: the profile's primary quotes
      (secondary inside a primary pair). Prose only, as fr-quotes judges it: not a quoted
      value the reference holds verbatim, not code, not an unpaired or ambiguous quote.
    - Another language's double quotes: English “…” in German, Polish or Japanese, German
      „…“ in Polish („…”), «…» in German (where » « is the book style). A pair counts when
      its opening mark follows a space, a bracket or the start (the German closing “ glued
      to its word is not an English opening one). Fix: the profile's primary quotes.
inverted-marks  (punctuation; Spanish)
    A question or exclamation closed by ? or ! with no ¿ or ¡ opening it in the same
    sentence ("Vienes?": fix "¿Vienes?"), or a ¿ or ¡ never closed before the sentence ends
    ("¿Vienes." ). Spanish allows ¡…? and ¿…! for a question that is also an exclamation
    (RAE, Ortografía 2010, 3.4.2), so any inverted mark opens any closing one. A mark glued
    to what follows ("?page=2") is not punctuation; the point of an abbreviation ("Sr.",
    "EE. UU.", "p.", "etc.") does not end the sentence.
"""
from __future__ import annotations

import re

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Text
from app.core.checks.layout import _CODE_CHARS, _in_reference, _prose_quote, _spaced
from app.core.checks.typography import _excluded, _inside
from app.core.profiles import PROFILED, profile

# --- quotation marks ---------------------------------------------------------------------

# The double-quote styles told apart (opening, closing); single quotes are left alone
# (they are apostrophes too).
_STYLES = (("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u201e", "\u201d"),
           ("\u00ab", "\u00bb"), ("\u00bb", "\u00ab"), ("\u300c", "\u300d"))
_QUOTE_CHARS = '"\u201c\u201d\u201e\u00ab\u00bb\u300c\u300d'
_OPENS_AFTER = " \t\n([{\u2014\u2013/"
_CLOSES_BEFORE = " \t\n)]},.;:!?\u2026\u3001\u3002\uff01\uff1f"
_PAIR = {style: re.compile(re.escape(style[0]) + "([^" + _QUOTE_CHARS + "\n]{1,400}?)"
                           + re.escape(style[1]))
         for style in _STYLES}


def _opens_here(target: str, i: int, spaced: bool) -> bool:
    return i == 0 or not spaced or target[i - 1] in _OPENS_AFTER


def _closes_here(target: str, i: int, spaced: bool) -> bool:
    return i + 1 == len(target) or not spaced or target[i + 1] in _CLOSES_BEFORE


def _fix_quotes(prof, target: str, start: int, body: str) -> str:
    """``body`` in the profile's primary quotes, or its secondary ones when an opened primary
    pair holds it."""
    (open_, close), inner = prof.quotes[0], prof.secondary_quotes
    before = target[:start]
    if inner and open_ != close and before.count(open_) > before.count(close):
        open_, close = inner
    space = prof.space_inside_quotes
    return open_ + space + body + space + close


def _straight_quotes(reference: str, target: str, prof, excluded) -> list[Hit]:
    if target.count('"') < 2:
        return []
    quotes = [i for i, ch in enumerate(target) if ch == '"' and not _inside(i, excluded)]
    if len(quotes) % 2 or any(_spaced(target, i) for i in quotes):
        return []
    hits = []
    for o, c in zip(quotes[::2], quotes[1::2]):
        if _prose(reference, target, o, c, prof.spaced):
            fix = _fix_quotes(prof, target, o, target[o + 1:c].strip())
            hits.append(Hit(o, c + 1, Text(N_("Straight quotes around prose; this language "
                                              "quotes with %(open)s…%(close)s."),
                                           open=prof.quotes[0][0], close=prof.quotes[0][1]),
                            fix))
    return hits


def _prose(reference: str, target: str, o: int, c: int, spaced: bool) -> bool:
    """Quoted prose, as fr-quotes reads it; in a language written without spaces the
    marks' neighbours say nothing, only the quoted text does."""
    if spaced:
        return _prose_quote(reference, target, o, c)
    body = target[o + 1:c].strip()
    return (bool(body) and re.search(r"[^\W\d_]", body) is not None
            and not _CODE_CHARS.search(body) and not _in_reference(body, reference))


def _foreign_quotes(target: str, prof, excluded) -> list[Hit]:
    hits = []
    accepted = set(prof.quotes)
    for style in _STYLES:
        if style in accepted or style[0] not in target:
            continue
        for m in _PAIR[style].finditer(target):
            o, c = m.start(), m.end() - 1
            body = m.group(1)
            if (body.strip() and _opens_here(target, o, prof.spaced)
                    and _closes_here(target, c, prof.spaced)
                    and not _inside(o, excluded) and not _inside(c, excluded)):
                hits.append(Hit(o, c + 1, Text(N_("%(open)s…%(close)s are not this language's "
                                                  "quotation marks; it uses "
                                                  "%(wanted_open)s…%(wanted_close)s."),
                                               open=style[0], close=style[1],
                                               wanted_open=prof.quotes[0][0],
                                               wanted_close=prof.quotes[0][1]),
                                _fix_quotes(prof, target, o, body.strip())))
    return hits


def find_quote_style(reference: str, target: str, lang: Languages, context: Context):
    """Straight or foreign double quotes in the target (see the module docstring)."""
    if not any(ch in target for ch in _QUOTE_CHARS):
        return []
    prof = profile(lang.target)
    if not prof.quotes:
        return []
    excluded = _excluded(target)
    hits = _foreign_quotes(target, prof, excluded)
    if prof.typographic_quotes:
        hits += _straight_quotes(reference, target, prof, excluded)
    hits.sort(key=lambda h: h.start)
    return hits


# --- Spanish inverted marks --------------------------------------------------------------

# A sentence ends at a full stop or an ellipsis followed by a space, or at a line break; a
# question ends at its closing mark (a run of ? and !).
_CLOSERS = re.compile(r"[?!]+")
_FULL_STOP = re.compile(r"(?<!\.)\.(?!\.)(?=\s|$)|\n")
_AFTER_CLOSER = re.compile(r"$|[\s\u00bb\u201d\"\u2019')\],.;:\u2026]")
_CLAUSE_START = re.compile(r"[.!?\u2026:;\u00ab\u201c\"(\n\u2014]")
# The word before a point that is an abbreviation, not a sentence's end: "¿Vino el Sr. López?"
_ABBREVIATION = re.compile(r"(?:\b(?:[A-ZÁÉÍÓÚÑ][a-záéíóúñ]{0,2}|[A-Z]{1,2}|etc|ej|p|pág|"
                           r"págs|núm|aprox|vol|cap|art|av|tel|ud|uds|vd|vds))$")


def _sentence_stops(target: str):
    """(start, end) of the full stops and line breaks that end a sentence."""
    for m in _FULL_STOP.finditer(target):
        if m.group() == "." and _ABBREVIATION.search(target, max(0, m.start() - 6), m.start()):
            continue
        yield m.start(), m.end()


def _question_start(target: str, floor: int, end: int) -> int:
    """Where the question or exclamation that ends at ``end`` starts: after the last
    sentence end, colon, opening quote or bracket before it (not before ``floor``)."""
    start = floor
    for m in _CLAUSE_START.finditer(target, floor, end):
        start = m.end()
    while start < end and target[start].isspace():
        start += 1
    return start


def find_inverted_marks(reference: str, target: str, lang: Languages, context: Context):
    """Spanish ¿ ¡ not paired with ? ! in the same sentence (see the module docstring)."""
    if not any(ch in target for ch in "?!\u00bf\u00a1"):
        return []
    prof = profile(lang.target)
    openers = "".join(mark for _, mark in prof.inverted)
    if not openers:
        return []
    excluded = _excluded(target)
    hits, pending, floor = [], [], 0
    events = sorted([(m.start(), m.end(), "close") for m in _CLOSERS.finditer(target)]
                    + [(start, end, "stop") for start, end in _sentence_stops(target)]
                    + [(i, i + 1, "open") for i, ch in enumerate(target) if ch in openers])
    for start, end, kind in events:
        if _inside(start, excluded):
            continue
        if kind == "open":
            pending.append(start)
        elif kind == "stop":
            hits += [_unclosed(target, i, start) for i in pending]
            pending, floor = [], end
        elif _AFTER_CLOSER.match(target, end):
            if pending:   # "!?" closes "¿¡" at once
                del pending[-len(set(target[start:end])):]
            else:
                hits.append(_unopened(target, _question_start(target, floor, start), start, end,
                                      dict((c, o) for c, o in prof.inverted)))
            floor = end
    hits += [_unclosed(target, i, len(target)) for i in pending]
    hits.sort(key=lambda h: h.start)
    return hits


def _unopened(target: str, start: int, mark: int, end: int, opening: dict) -> Hit:
    opener = opening[target[mark]]
    return Hit(start, end, Text(N_("Spanish opens a question or an exclamation with "
                                   "“%(opener)s”: “%(mark)s” has none before it in this "
                                   "sentence."), opener=opener, mark=target[mark]),
               opener + target[start:end])


def _unclosed(target: str, opener: int, stop: int) -> Hit:
    """The ¿ or ¡ at ``opener`` never closed before ``stop`` (a full stop, a line break or
    the end): the fix closes it (in place of the full stop)."""
    closing = "?" if target[opener] == "\u00bf" else "!"
    body = target[opener:stop].rstrip()
    end = stop + 1 if target[stop:stop + 1] == "." else opener + len(body)
    return Hit(opener, max(end, opener + 1),
               Text(N_("“%(opener)s” opens a question or an exclamation that is not closed by "
                       "“%(closing)s” in the same sentence."), opener=target[opener],
                    closing=closing), body + closing)


_QUOTED = frozenset(code for code in PROFILED if code != "fr")
QUOTE_STYLE = Check(
    "quote-style", "typography", "minor", find_quote_style,
    "Straight or another language's quotation marks around prose.", target_langs=_QUOTED)
INVERTED_MARKS = Check(
    "inverted-marks", "punctuation", "minor", find_inverted_marks,
    "Spanish: a question or exclamation without its opening \u00bf or \u00a1, or one "
    "never closed.", target_langs=frozenset({"es"}))
