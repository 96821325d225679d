"""Paragraphs, then sentences, with character offsets into the original text.

The contract: a text is cut into segments and the gaps between them
(``separators``); joining them back (``reassemble``) gives the input exactly.

Paragraphs end at line breaks (one line is one paragraph; blank lines between
paragraphs are fine too). Sentences are found in the manner of the Moses sentence
splitter, driven by the Moses nonbreaking-prefix lists of the language (from
``app.core.tokens``), with a few additions for web text: URLs, e-mail addresses,
handles and numbers never contain a boundary because a boundary needs
end punctuation followed by whitespace and a sentence start; a missing space after a
period ("de l’OTSC.Fourni par") is treated as a boundary when a capitalised word
follows a word that is not part of a URL or domain.

Japanese and Chinese (issue 20) put no space after a sentence: 。 ｡ ！ ？ end one wherever
a letter, digit or opening bracket of any script follows, and so do ". ! ? ．" followed by
kana or an ideograph; closing brackets and quotes after the mark (」』）”) stay with the
sentence. No cut falls inside a corner-bracket quotation (「行きます。」と言った。 is one
sentence), nor before a quotative particle after a closing quote. Chinese ； does not end a
sentence. The marks are characters of their scripts, not of a document language, so a Japanese
sentence inside an English text is cut the same way. Arabic ؟ and ۔ end a sentence as ? does.

Everything is a single left-to-right pass with precompiled regexes and bounded
look-behind, so the cost is linear in the length of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from app.core.tokens import nonbreaking_prefixes


@dataclass(frozen=True)
class Segment:
    """One sentence: ``text == whole_text[start:end]``; ``paragraph`` is 0-based."""

    start: int
    end: int
    text: str
    paragraph: int


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------

# Line breaks as str.splitlines() knows them (\r\n included).
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
_NONSPACE = re.compile(r"\S")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``text[start:end]`` to exclude surrounding whitespace (may become empty)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``: non-blank lines, without surrounding spaces."""
    spans = []
    for m in _LINE.finditer(text):
        s, e = _strip_span(text, m.start(), m.end())
        if s < e:
            spans.append((s, e))
    return spans


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------

# Sentence-final punctuation (ASCII and full-width forms, the ellipsis, Devanagari danda,
# the Arabic question mark and full stop).
_END_CHARS = (".!?\u2026\u203c\u2047\u2048\u2049\u3002\uff01\uff1f\u0964\u0965"
              "\uff61\uff0e\u061f\u06d4")
# Closing quotes and brackets that may follow the end punctuation. French puts a
# (possibly non-breaking) space before a closing guillemet: ". »". Japanese and Chinese
# close with corner brackets and full-width brackets: "。」", "！』", "。）".
_CLOSERS = "\"'\u2019\u201d\u00bb\u203a)]}\u300d\u300f\uff09\u3011\u3015\u3009\u300b\uff02"
_SPACED_CLOSERS = "\u00bb\u203a"
# What may open a sentence before its first letter: quotes, brackets, dashes.
_OPENERS = ("\"'\u2018\u201c\u201e\u00ab\u2039([{\u00bf\u00a1\u2013\u2014-"
            "\u300c\u300e\uff08\u3010\u3014\u3008\u300a\uff02")

_CANDIDATE = re.compile(
    "(?P<punct>[%s]+)(?P<close>(?:[ \u00a0\u202f\u2009]?[%s]|[%s])*)(?P<gap>\\s*)"
    % (re.escape(_END_CHARS), re.escape(_SPACED_CLOSERS), re.escape(_CLOSERS))
)
# After the gap: optional openers (and a space, as in "« Le"), then the first
# character of the next sentence.
_START = re.compile("[%s]*[ \u00a0\u202f\u2009]?(?P<first>.)" % re.escape(_OPENERS), re.S)
# The word in front of a period, Moses-style: letters, digits, dots and hyphens,
# then possibly closing punctuation which cancels the abbreviation reading.
_BEFORE_DOT = re.compile(r"(?P<prefix>[\w.\-]*)(?P<close>[\"'\u2019\u201d\u00bb)\]%]*)\Z")
_DOT_CLOSERS = "\"'\u2019\u201d\u00bb)]%"
# Acronyms and initials written with dots: "U.S", "J.K", "a.m".
_DOTTED_LETTERS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\Z")
# How far back the word before a period is looked for (keeps the pass linear).
_WINDOW = 80
_TOKEN_BEFORE = re.compile(r"\S*\Z")
# A missing space: "OTSC.Fourni". The word after is capitalised and lower-case
# afterwards, and ends where prose punctuation or whitespace follows.
_GLUED_NEXT = re.compile(r"[^\W\d_][^\W\d_]+(?=[\s,;:!?)\]\u00bb\"\u201d]|\Z)")
_GAP = re.compile(r"\s+")
_URLISH = re.compile(r"[/@:.#]|www", re.I)

# Japanese and Chinese put no space after a sentence: these marks end one wherever a
# letter, digit or opening bracket follows (of any script: "。iPhoneを" too). Chinese "；"
# is not one of them: it joins the clauses of one sentence as ";" does in English, and the
# English counterpart of such a sentence is one sentence (a cut there would align 2-1).
_UNSPACED_ENDS = re.compile("[\u3002\uff61\uff01\uff1f]")
# Kana and ideographs. ".", "!", "?" and "．" directly followed by one end a sentence too
# ("本当?すごい"), as long as the period is not an abbreviation's ("U.S.政府").
_CJK = re.compile("[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                  "\uff66-\uff9f\U00020000-\U0003134f]")
# After a closing quote, a quotative particle continues the sentence: 「行きます。」と言った。
_QUOTATIVE = "\u3068\u3063"  # と, っ (って)
# Corner-bracket quotations: a Japanese (or traditional Chinese) translator keeps a quoted
# sentence inside its sentence, so no cut falls inside a matched 「…」 or 『…』 of at most
# _QUOTE_MAX characters (a longer one, a passage quoted over many sentences, is cut as usual).
_CORNER = re.compile("[\u300c\u300d\u300e\u300f]")
_CORNER_OPENER = {"\u300d": "\u300c", "\u300f": "\u300e"}
_QUOTE_MAX = 400


def _starts_sentence(ch: str) -> bool:
    """An upper-case letter, a digit, or a letter of a script without case."""
    if ch.isupper() or ch.isdigit():
        return True
    return ch.isalpha() and not ch.islower()


def _is_glued_boundary(text: str, dot: int, lo: int, prefixes: frozenset[str]) -> bool:
    """A period at ``dot`` with a capitalised word right after it and no space."""
    nxt = dot + 1
    if nxt >= len(text) or not text[nxt].isupper():
        return False
    m = _GLUED_NEXT.match(text, nxt)
    if not m or not m.group()[1:].islower():
        return False
    before = _TOKEN_BEFORE.search(text, max(lo, dot - _WINDOW), dot).group()
    # The word before must be a plain word of two letters or more, not part of a
    # URL, domain, path or address, and not an abbreviation.
    if len(before) < 2 or _URLISH.search(before) or not before[-1].isalpha():
        return False
    word = re.split(r"[\W_]", before)[-1] if not before.isalnum() else before
    return len(word) >= 2 and word not in prefixes


def _boundaries(text: str, lo: int, hi: int, lang: str) -> list[int]:
    """Offsets in ``text[lo:hi]`` where a sentence ends (end of its last character)."""
    prefixes, numeric_only = nonbreaking_prefixes(lang)
    cuts = []
    quotes, counted = 0, lo  # straight double quotes seen in text[lo:counted]
    for m in _CANDIDATE.finditer(text, lo, hi):
        punct, close, gap = m.group("punct"), m.group("close"), m.group("gap")
        end = m.start("gap")
        if not gap:
            if punct == "." and not close and _is_glued_boundary(text, m.start(), lo, prefixes):
                cuts.append(end)
                continue
            if not _unspaced_candidate(text, m.end(), hi, punct):
                continue
        after = m.end()
        if after >= hi:
            continue  # end of the text: nothing follows
        if text[after] == '"':
            # A spaced straight quote ('stop . " Then') closes when an odd number
            # of them precede it in the paragraph and a space follows it; else it
            # opens the next sentence ('stop. "Then').
            quotes += text.count('"', counted, after)
            counted = after
            gap2 = _GAP.match(text, after + 1, hi) if quotes % 2 else None
            if gap2:
                end, after = after + 1, gap2.end()
        start = _START.match(text, after, hi)
        if not start:
            continue
        first = start.group("first")
        if not _starts_sentence(first) and not (first.isalnum() and _UNSPACED_ENDS.search(punct)):
            continue
        if close and text[after] in _QUOTATIVE:
            continue
        p0 = m.start()
        if punct in ("...", "\u2026") and p0 > lo and text[p0 - 1] in "[(":
            continue  # an elision mark "[…]" inside a quotation
        if punct == "." and _keeps_period(text, lo, p0, cuts, first, prefixes, numeric_only):
            continue
        cuts.append(end)
    if cuts and (text.find("\u300c", lo, hi) >= 0 or text.find("\u300e", lo, hi) >= 0):
        cuts = _outside_quotes(cuts, _corner_quotes(text, lo, hi))
    return cuts


def _unspaced_candidate(text: str, after: int, hi: int, punct: str) -> bool:
    """End punctuation ``punct`` (and its closers) followed at ``after`` by no space may end a
    sentence: a Japanese or Chinese mark, or a Latin one before kana or an ideograph (not
    an ellipsis: "そうですね……でも" is one sentence)."""
    if after >= hi:
        return False
    if _UNSPACED_ENDS.search(punct):
        return True
    return punct[-1] in ".!?\uff0e" and _CJK.match(text, after) is not None


def _corner_quotes(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(opening, closing) offsets of the matched corner-bracket quotations of ``text[lo:hi]``
    no longer than _QUOTE_MAX, sorted; a closer without its opener is ignored."""
    stack, spans = [], []
    open_count = {"\u300c": 0, "\u300e": 0}  # openers of each kind on the stack
    for m in _CORNER.finditer(text, lo, hi):
        opener = _CORNER_OPENER.get(m.group())
        if opener is None:
            stack.append(m.start())
            open_count[m.group()] += 1
            continue
        if not open_count[opener]:
            continue
        # pop its opener and any opener left unclosed inside the quotation (each popped
        # once: linear)
        while True:
            o = stack.pop()
            open_count[text[o]] -= 1
            if text[o] == opener:
                break
        if m.start() - o <= _QUOTE_MAX:
            spans.append((o, m.start()))
    return sorted(spans)


def _outside_quotes(cuts: list[int], quotes: list[tuple[int, int]]) -> list[int]:
    """The cuts that fall inside no quotation (a cut right after its closer is outside).
    Quotations nest or are disjoint, so the outermost ones are disjoint and sorted."""
    outer = []
    for o, c in quotes:
        if not outer or o > outer[-1][1]:
            outer.append((o, c))
    kept, k = [], 0
    for cut in cuts:
        while k < len(outer) and outer[k][1] < cut:
            k += 1
        if k == len(outer) or cut <= outer[k][0]:
            kept.append(cut)
    return kept


def _word_before(text: str, lo: int, p0: int) -> tuple[int, int]:
    """(b0, q): ``text[b0:q]`` is the word in front of ``p0`` and ``text[q:p0]`` the closing
    punctuation after it, as ``_BEFORE_DOT`` finds them (looking back at most ``_WINDOW``
    characters), by a backward scan: the regex search tries every start in the window."""
    limit = max(lo, p0 - _WINDOW)
    q = p0
    while q > limit and text[q - 1] in _DOT_CLOSERS:
        q -= 1
    b0 = q
    while b0 > limit and (text[b0 - 1].isalnum() or text[b0 - 1] in "_.-"):
        b0 -= 1
    return b0, q


def _keeps_period(text, lo, p0, cuts, first, prefixes, numeric_only) -> bool:
    """True when the period at ``p0`` belongs to an abbreviation, initial or number."""
    b0, q = _word_before(text, lo, p0)
    prefix = text[b0:q]
    # A prefix glued to "/=?&#@:+" is the tail of a URL or address, never an abbreviation.
    if not prefix or q < p0 or (b0 > lo and text[b0 - 1] in "/=?&#@:+"):
        return False
    if prefix in numeric_only:
        return first.isdigit()
    if prefix in prefixes:
        return True
    # Initials and dotted acronyms: "J. K. Rowling", "U.S. Army".
    if (len(prefix) == 1 and prefix.isupper()) or _DOTTED_LETTERS.match(prefix):
        return True
    # A list number opening its sentence: "3. Le massif".
    sentence_start = _strip_span(text, cuts[-1] if cuts else lo, p0)[0]
    return prefix.isdigit() and len(prefix) <= 3 and b0 == sentence_start


def _sentence_spans(text: str, lo: int, hi: int, lang: str) -> list[tuple[int, int]]:
    spans = []
    s = lo
    for cut in _boundaries(text, lo, hi, lang) + [hi]:
        a, b = _strip_span(text, s, cut)
        if a < b:
            spans.append((a, b))
        s = cut
    return spans


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph ``text`` (offsets into ``text``, no outer spaces)."""
    return _sentence_spans(text, 0, len(text), lang)


# Paragraphs segmented between two calls of segment_text's `progress` callback.
PROGRESS_EVERY = 200


def segment_text(text: str, lang: str, progress=None) -> list[Segment]:
    """Paragraphs, then sentences; offsets are into the whole ``text``. ``progress(done,
    total)``, if given, is called every PROGRESS_EVERY paragraphs (it may raise to stop)."""
    segments = []
    paragraphs = split_paragraphs(text)
    for index, (ps, pe) in enumerate(paragraphs):
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(index, len(paragraphs))
        for s, e in _sentence_spans(text, ps, pe, lang):
            segments.append(Segment(s, e, text[s:e], index))
    return segments


# ---------------------------------------------------------------------------
# Separators and reassembly
# ---------------------------------------------------------------------------

def separators(text: str, segments: Sequence[Segment]) -> list[str]:
    """The ``len(segments) + 1`` gaps around the segments of ``text``.

    ``reassemble(segments, separators(text, segments)) == text``. Raises
    ``ValueError`` if the segments are not ordered, non-overlapping slices of ``text``.
    """
    seps = []
    pos = 0
    for seg in segments:
        if seg.start < pos or seg.end > len(text) or text[seg.start:seg.end] != seg.text:
            raise ValueError(f"segment {seg!r} is not an ordered slice of the text")
        seps.append(text[pos:seg.start])
        pos = seg.end
    seps.append(text[pos:])
    return seps


def reassemble(segments: Sequence[Segment], seps: Sequence[str]) -> str:
    """Join separators and segment texts: the inverse of ``separators``."""
    if len(seps) != len(segments) + 1:
        raise ValueError(f"need {len(segments) + 1} separators, got {len(seps)}")
    parts = []
    for sep, seg in zip(seps, segments):
        parts.append(sep)
        parts.append(seg.text)
    parts.append(seps[-1])
    return "".join(parts)
