"""Punctuation: unbalanced brackets and quotation marks, end punctuation unlike the reference.

unbalanced-brackets
    ( ) [ ] { } that do not pair up inside the segment, when the reference's brackets do pair
    up (list items such as "a)" that the reference also has are left alone). Brackets inside
    placeholders and markup ("%(name)s", "{0}") are ignored.

unbalanced-quotes
    French quotation marks « » per segment: an opening « while a quotation is already open
    (French nests with “ ”, not with a second «), or a closing » with no quotation open.
    A quotation left open at the end of the segment is flagged only when the reference closes
    all its quotations: in news text a long quotation often runs over several sentences, and
    French opens each new paragraph of it with « again. Across segments,
    ``DOCUMENT_QUOTES`` (a ``LastCheck``, see document.py) flags a « that no later segment of
    the document closes.

end-punctuation
    The final punctuation of the target differs from the reference's: a question mark, an
    exclamation mark, an ellipsis or a full stop became something else or disappeared.
    Differences between ":" and "." and between ";" and "." are legitimate rewrites and are
    not flagged; closing quotes and brackets are looked through ('."' vs '. »'). A reference
    ending with a colon is left to end-colon (layout.py). Full-width marks (。？！), the
    Devanagari danda and, in Greek, ";" (the question mark) count as their Latin forms. An
    interrobang ("?!" or "!?") is a mark of its own: "Really!?" -> "Vraiment ?" is flagged.
"""
from __future__ import annotations

import re

from app.core import markup
from app.core.checks.base import Check, Context, Hit, Languages
from app.core.checks.document import LastCheck
from app.core.messages import N_, Text
from app.core.checks.untranslated import _code_spans

_PAIRS = {")": "(", "]": "[", "}": "{"}
_BRACKET = re.compile(r"[()\[\]{}]")
_OPENING = frozenset(_PAIRS.values())
_CLOSERS_TO_SKIP = " \t\n\u00a0\u202f\"'»”’)]}›"


def _masked(text: str) -> str:
    """``text`` with code-like stretches (placeholders, markup) blanked out, same length."""
    return markup.blank(text, _code_spans(text))


def _bracket_problems(text: str) -> list[int]:
    """Positions of brackets that do not pair up."""
    stack, bad = [], []
    for m in _BRACKET.finditer(text):   # the brackets only, not every character
        i = m.start()
        ch = text[i]
        if ch in _OPENING:
            stack.append(i)
        elif ch in _PAIRS:
            if stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            else:
                bad.append(i)
    return sorted(bad + stack)


def find_unbalanced_brackets(reference: str, target: str, lang: Languages, context: Context):
    """Brackets that are opened and not closed, or closed without being opened."""
    if not _BRACKET.search(target):
        return []
    masked = _masked(target)
    if reference.strip() and _bracket_problems(_masked(reference)):
        return []
    return [Hit(i, i + 1, Text(N_("Unbalanced bracket “%(mark)s”."), mark=target[i]))
            for i in _bracket_problems(masked)]


def _reference_quotes_closed(reference: str) -> bool:
    straight = reference.count('"')
    return (straight % 2 == 0 and reference.count("\u201c") == reference.count("\u201d")
            and reference.count("\u00ab") == reference.count("\u00bb"))


def quote_events(text: str) -> list[tuple[int, str]]:
    """(position, "open" | "close") of the « and » of ``text``."""
    if "\u00ab" not in text and "\u00bb" not in text:
        return []   # most texts: no scan character by character
    return [(i, "open" if ch == "\u00ab" else "close")
            for i, ch in enumerate(text) if ch in "\u00ab\u00bb"]


def find_unbalanced_quotes(reference: str, target: str, lang: Languages, context: Context):
    """« » that do not pair up inside the segment (see the module docstring)."""
    events = quote_events(target)
    if not events:
        return []
    hits, open_at = [], None
    for i, kind in events:
        if kind == "open":
            if open_at is not None:
                hits.append(Hit(i, i + 1, Text(N_("A second « opens a quotation that is "
                                                  "already open: close the first one with » "
                                                  "(nested quotations take “ ”).")), None))
            open_at = i
        else:
            if open_at is None:
                # A closing » without « in this segment ends a quotation of an earlier
                # segment unless the reference shows it is self-contained.
                if reference.strip() and _reference_quotes_closed(reference) and (
                        '"' in reference or "\u201c" in reference or "\u00ab" in reference):
                    hits.append(Hit(i, i + 1, Text(N_("» closes a quotation that was never "
                                                      "opened."))))
            open_at = None
    if open_at is not None and reference.strip() and _reference_quotes_closed(reference) and (
            '"' in reference or "\u201c" in reference or "\u00ab" in reference):
        hits.append(Hit(open_at, open_at + 1,
                        Text(N_("This quotation is never closed with »."))))
    return hits


def last_quote(text: str) -> int | None:
    """How ``text`` leaves the quotations of the document: the offset of its last « when
    its last quotation mark opens, -1 when it closes (»), None when it has neither."""
    for i in range(len(text) - 1, -1, -1):
        if text[i] == "\u00bb":
            return -1
        if text[i] == "\u00ab":
            return i
    return None


def unclosed_quote_hit(offset: int) -> Hit:
    """The document-level hit on a « that no later segment closes."""
    return Hit(offset, offset + 1, Text(N_("This quotation is never closed with » anywhere "
                                           "later in the document.")))


def _target_last_quote(reference: str, target: str) -> int | None:
    return last_quote(target)


def _left_open(last: int) -> list[Hit]:
    return [unclosed_quote_hit(last)] if last >= 0 else []


_END = re.compile(r"(\.\.\.|[.!?…:;。？！]+)?[" + re.escape(_CLOSERS_TO_SKIP) + r"]*\Z")
_EQUIVALENT = {":": ".", ";": ".", "…": "…", "...": "…", "?!": "?!", "!?": "?!", "!!": "!",
               "??": "?"}


# Every character an _END match can hold: a match ends the text, so it starts inside the
# text's final run of these, and the search need not try the positions before that run.
_END_CHARS = ".!?…:;。？！" + _CLOSERS_TO_SKIP


# Other scripts' marks read as their ASCII counterparts, one character for one (offsets stay):
# full-width 。．？！；： (Chinese, Japanese), the Devanagari danda, the Greek question mark.
_MARK_FORMS = str.maketrans("\u3002\uff0e\uff1f\uff01\uff1b\uff1a\u0964\u037e", "..?!;:.;")


# The characters that are _END_CHARS once read through _MARK_FORMS.
_END_FORMS = _END_CHARS + "\u3002\uff0e\uff1f\uff01\uff1b\uff1a\u0964\u037e"


def _end_mark(text: str) -> tuple[str, int, int]:
    """(normalised final mark, start, end) of ``text``; mark "" when there is none. Only
    the text's final run of possible end characters is read (through _MARK_FORMS): the
    match starts there, and the translation keeps offsets."""
    cut = len(text.rstrip(_END_FORMS))
    m = _END.search(text[cut:].translate(_MARK_FORMS))
    mark = m.group(1) or ""
    start = cut + (m.start(1) if mark else m.start())
    norm = _EQUIVALENT.get(mark, mark[-1:] if mark and mark != "..." else mark)
    norm = _EQUIVALENT.get(norm, norm)
    return norm, start, start + len(mark)


def find_end_punctuation(reference: str, target: str, lang: Languages, context: Context):
    """The target ends with other punctuation than the reference."""
    ref, tgt = reference.rstrip(), target.rstrip()
    if not ref or not tgt or ref.endswith(":"):
        return []   # a final colon is end-colon's (layout.py)
    want, _, _ = _end_mark(ref)
    # Greek writes its question mark as a semicolon (and its semicolon as a raised dot).
    greek = lang.target_base == "el"
    got, start, end = _end_mark(tgt.replace(";", "?").replace("\u037e", "?") if greek else tgt)
    if want == got or want == "" or (want == "." and got == "\u2026"):
        return []
    if want == "." and got == "":
        # A missing full stop is flagged after a sentence only (a label has no stop).
        if ref.count(" ") < 3 or not tgt[-1].isalpha():
            return []
        ws = len(tgt) - len(re.search(r"\S*\Z", tgt).group(0))
        return [Hit(ws, len(tgt), Text(N_("The reference ends with a full stop; the "
                                          "translation does not.")), tgt[ws:] + ".")]
    french_space = lang.target_base == "fr" and want in "?!"
    if got:
        spaced = start > 0 and tgt[start - 1] in " \u00a0\u202f"
        fix = ("\u202f" if french_space and not spaced else "") + want
        return [Hit(start, end, Text(N_("The reference ends with “%(want)s”; the translation "
                                        "with “%(got)s”."), want=want, got=tgt[start:end]),
                    fix)]
    m = re.search(r"\S+\Z", tgt[:start])
    if not m:
        return []
    ws, we = m.span()
    return [Hit(ws, we, Text(N_("The reference ends with “%(want)s”; the translation has "
                                "no final punctuation."), want=want),
                tgt[ws:we] + ("\u202f" if french_space else "") + want)]


UNBALANCED_BRACKETS = Check("unbalanced-brackets", "punctuation", "minor",
                            find_unbalanced_brackets, "Brackets that do not pair up.")
UNBALANCED_QUOTES = Check("unbalanced-quotes", "punctuation", "minor", find_unbalanced_quotes,
                          "French quotation marks \u00ab \u00bb that do not pair up.")
END_PUNCTUATION = Check("end-punctuation", "punctuation", "minor", find_end_punctuation,
                        "The final punctuation differs from the reference.")

# Across segments: an « that the rest of the document never closes. A quotation may run over
# several segments (and French repeats « at the start of each paragraph of it), so only the
# final state of the document counts: its last quotation mark, when it opens.
DOCUMENT_QUOTES = LastCheck(UNBALANCED_QUOTES, "quote", _target_last_quote, _left_open)
