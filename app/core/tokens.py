"""Tokens and words, with character offsets into the original text.

This is the only module of the project that imports sacremoses (house rule: one
third-party library, one module). Everything else asks this module for:

- ``nonbreaking_prefixes(lang)``: the Moses nonbreaking-prefix lists of a language,
- ``tokenize(text, lang)``: Moses tokens, never XML-escaped (``escape=False``),
- ``token_spans(text, lang)``: where those tokens sit in the original text,
- ``word_spans(text)``: language-neutral word spans for the checks,
- ``shared_word_spans(text)``: the same as a tuple, memoised for a few recent texts
  (several checks of one run read the words of the same target).

Languages: a code such as ``"fr"``, ``"fr-FR"`` or ``"pt_BR"`` is reduced to its
primary subtag. A language for which sacremoses ships no prefix list falls back to
the English list (the same fallback sacremoses applies itself); ``lang_has_prefixes``
tells the caller whether that happened.
"""
from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

# sacremoses is imported on first use (0.2 s and 13 MB: it compiles its regular
# expressions); the prefix lists alone are read without it (``_prefix_lists``).

_FALLBACK_LANG = "en"
_NUMERIC_ONLY = re.compile(r"\s#NUMERIC_ONLY#")


def _primary_subtag(lang: str) -> str:
    return re.split(r"[-_]", (lang or "").strip().lower(), maxsplit=1)[0]


@lru_cache(maxsize=None)
def _prefix_files() -> dict[str, str] | None:
    """{language: its Moses prefix file} from sacremoses' data module, loaded by itself
    (the checks need the lists, not the tokenizer); None when this version of sacremoses
    keeps them elsewhere."""
    spec = importlib.util.find_spec("sacremoses")
    folders = spec.submodule_search_locations if spec else None
    path = Path(folders[0]) / "_data_nonbreaking_prefixes.py" if folders else None
    if path is None or not path.is_file():
        return None
    data_spec = importlib.util.spec_from_file_location("_moses_prefix_files", path)
    module = importlib.util.module_from_spec(data_spec)
    data_spec.loader.exec_module(module)
    files = getattr(module, "NONBREAKING_PREFIXES", None)
    if not isinstance(files, dict):
        return None
    return {name.split(".", 1)[1]: text for name, text in files.items()
            if name.startswith("nonbreaking_prefix.")}


@lru_cache(maxsize=None)
def _known_langs() -> frozenset[str]:
    files = _prefix_files()
    if files is not None:
        return frozenset(files)
    from sacremoses.corpus import NonbreakingPrefixes

    return frozenset(NonbreakingPrefixes().available_langs.values())


def _prefix_lists(moses_lang: str) -> tuple[list[str], list[str]]:
    """(prefixes, numeric-only prefixes) as sacremoses' MosesTokenizer lists them."""
    files = _prefix_files()
    if files is None:
        moses = _tokenizer(moses_lang)
        return moses.NONBREAKING_PREFIXES, moses.NUMERIC_ONLY_PREFIXES
    lines = [line.strip() for line in files[moses_lang].splitlines()]
    prefixes = [line for line in lines if line and not line.startswith("#")]
    return prefixes, [p.rpartition(" ")[0] for p in prefixes if _NUMERIC_ONLY.search(p)]


def lang_has_prefixes(lang: str) -> bool:
    """True when sacremoses ships a nonbreaking-prefix list for ``lang`` itself."""
    return _primary_subtag(lang) in _known_langs()


@lru_cache(maxsize=256)
def _moses_lang(lang: str) -> str:
    code = _primary_subtag(lang)
    return code if code in _known_langs() else _FALLBACK_LANG


@lru_cache(maxsize=None)
def _tokenizer(moses_lang: str):
    from sacremoses import MosesTokenizer

    return MosesTokenizer(lang=moses_lang)


@lru_cache(maxsize=None)
def _prefixes(moses_lang: str) -> tuple[frozenset[str], frozenset[str]]:
    listed, numeric_only = _prefix_lists(moses_lang)
    # Numeric-only entries are listed as "No #NUMERIC_ONLY#"; keep the bare prefix.
    prefixes = frozenset(p.split(" ", 1)[0] for p in listed if p)
    return prefixes, frozenset(numeric_only)


def nonbreaking_prefixes(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(prefixes, numeric-only prefixes) of the Moses lists for ``lang``.

    A word in the first set followed by a period does not end a sentence. A word
    in the second set (also contained in the first) only protects its period when
    a number follows ("No. 5"). Unknown languages get the English lists.
    """
    return _prefixes(_moses_lang(lang))


def tokenize(text: str, lang: str) -> list[str]:
    """Moses tokens of ``text`` (no XML escaping: ``&`` and ``'`` stay as they are)."""
    return _tokenizer(_moses_lang(lang)).tokenize(text, escape=False)


# How far ahead of the cursor a token that is not at the cursor is searched for.
# Moses only drops characters (ASCII control characters) or rewrites a few rare
# strings, so a small window suffices and keeps the mapping linear.
_LOOKAHEAD = 64
# ASCII control characters that are not whitespace: Moses deletes them.
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1b]")


def _match_skipping_junk(text: str, cur: int, tok: str) -> int:
    """End of ``tok`` matched at ``cur`` when the control characters that Moses
    deletes are skipped over; ``cur`` when it does not match that way."""
    i = cur
    for ch in tok:
        while i < len(text) and text[i] != ch and _JUNK.match(text[i]):
            i += 1
        if i >= len(text) or text[i] != ch:
            return cur
        i += 1
    return i


def token_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character offsets ``(start, end)`` in ``text`` of the Moses tokens of ``text``.

    Each token is located left to right in the original text (control characters
    that Moses deletes stay inside the span of their token). When Moses has
    altered a token so that it cannot be found verbatim (for instance the literal
    string "DOTDOTMULTI", which Moses turns into ".."), the token is given the
    next run of non-space characters of the same length at most, so the result
    is always well formed: spans are ordered, non-overlapping, within bounds and
    cover no whitespace. In that rare case the number of spans may be smaller than
    ``len(tokenize(text, lang))`` (a token with nothing left to cover is dropped).
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    cur = 0
    for tok in tokenize(text, lang):
        while cur < n and text[cur].isspace():
            cur += 1
        if cur >= n:
            break
        if text.startswith(tok, cur):
            start, end = cur, cur + len(tok)
        else:
            start, end = cur, _match_skipping_junk(text, cur, tok)
            if end == start:
                start = text.find(tok, cur, cur + len(tok) + _LOOKAHEAD)
                end = start + len(tok) if start >= 0 else cur
                start = max(start, cur)
            if end <= start:
                # Rewritten by Moses: cover what is there, up to the next whitespace.
                start = end = cur
                limit = min(n, start + max(len(tok), 1))
                while end < limit and not text[end].isspace():
                    end += 1
                if end == start:
                    continue
        spans.append((start, end))
        cur = end
    return spans


# ---------------------------------------------------------------------------
# Words (language-neutral, stdlib ``re``)
# ---------------------------------------------------------------------------


def _mark_class() -> str:
    """A character-class body of the combining marks of the BMP scripts in use.

    ``re`` has no \\p{M}; the ranges are computed once at import (a few ms) from
    ``unicodedata`` over the blocks that hold the combining marks of living scripts.
    """
    ranges = []
    start = prev = None
    for cp in list(range(0x0300, 0x3000)) + list(range(0xFE00, 0xFE30)):
        if unicodedata.category(chr(cp)).startswith("M"):
            if start is None or cp != prev + 1:
                if start is not None:
                    ranges.append((start, prev))
                start = cp
            prev = cp
    if start is not None:
        ranges.append((start, prev))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


_MARKS = _mark_class()
_MARK_RE = re.compile(f"[{_MARKS}]")
_CONNECTORS = "-\u2010\u2011'\u2019"
# A "run": letters and digits (with combining marks) glued together; connectors are
# inner hyphens and apostrophes (typographic or straight), never at either end.
_ALNUM = rf"(?:[^\W_]|[{_MARKS}])"
_RUN = re.compile(rf"[^\W_]{_ALNUM}*(?:[{_CONNECTORS}]{_ALNUM}+)*")
# _RUN for a text without combining marks (most texts: the mark alternative never matches
# there), a third cheaper to scan.
_RUN_NO_MARKS = re.compile(rf"[^\W_]+(?:[{_CONNECTORS}][^\W_]+)*")
_HYPHEN = re.compile(r"[-\u2010\u2011]")


_NO_CONNECTORS = str.maketrans("", "", _CONNECTORS)


def _is_letters(run: str) -> bool:
    """Letters (and marks), connectors only inside, first character a letter."""
    if not run or not run[0].isalpha():
        return False
    if run.isalpha() or run.translate(_NO_CONNECTORS).isalpha():
        return True   # (letters and connectors: "aujourd’hui", "week-end")
    return all(c.isalpha() or c in _CONNECTORS or _MARK_RE.match(c) for c in run)


# Elided articles and pronouns (French, Italian) written with an apostrophe:
# "l’OTSC" gives the words "l’" and "OTSC". Whole words such as "aujourd’hui",
# "quelqu’un" or "presqu’île" are not split.
_ELISION = re.compile(
    r"(?i)(?:c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu|quoiqu|dell|nell|all|dall|sull|un)['\u2019]"
    r"(?=[^\W\d_])"
)

# Things that are made of letters but are not words of the prose: URLs, bare
# domains (with or without a path), e-mail addresses, @handles and #hashtags.
_NOT_PROSE = re.compile(
    r"""
      (?<![\w+.-])(?i:[a-z][a-z0-9+.-]*://|www\.)\S+        # scheme or www. URL
    | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+               # e-mail address
    | (?<![\w@])[@#]\w+                                     # @handle, #hashtag
    | (?<![\w.@/-])(?:[^\W_][\w-]*\.)+[a-z]{2,12}(?![\w@])(?:/\S*)?   # domain[/path]
    """,
    re.X,
)


def _may_hold_not_prose(text: str) -> bool:
    """Does ``text`` hold what one alternative of _NOT_PROSE needs: "://" (a scheme), "@"
    (an e-mail, a handle), "#" (a hashtag), a period before a lower-case ASCII letter (the
    last part of a domain) or "www." in any case? Most texts have none, and this test is
    far cheaper than trying _NOT_PROSE at every position. (Any colon or a period before
    any non-space, the test it replaces, let through one text in sixteen of a novel.)"""
    if "@" in text or "#" in text or "://" in text:
        return True
    i = text.find(".")
    while i >= 0:
        if "a" <= text[i + 1:i + 2] <= "z" or text[max(0, i - 3):i].lower() == "www":
            return True
        i = text.find(".", i + 1)
    return False


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, bare domains, e-mail addresses, @handles and #hashtags."""
    return list(_protected_spans(text))


@lru_cache(maxsize=16)
def _protected_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``protected_spans`` memoised for the last few texts only: the word spans and several
    checks (numbers, typography) of one segment ask about the same target."""
    spans: list[tuple[int, int]] = []
    if not _may_hold_not_prose(text):
        return ()
    for m in _NOT_PROSE.finditer(text):
        s, e = m.span()
        # A sentence's final punctuation is not part of the URL.
        while e > s and text[e - 1] in ".,;:!?)]»\"'\u2019\u201d":
            e -= 1
        if e > s:
            spans.append((s, e))
    return tuple(spans)


def _split_run(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    run = text[s:e]
    if _is_letters(run):
        if "'" in run or "\u2019" in run:
            m = _ELISION.match(text, s, e)
            while m:
                out.append((s, m.end()))
                s = m.end()
                m = _ELISION.match(text, s, e)
        out.append((s, e))
        return
    # Contains digits (or the like): keep only the pure-letter hyphen parts,
    # e.g. "COVID" of "COVID-19"; "M6XrayNalG" gives nothing.
    pos = s
    for part in _HYPHEN.split(run):
        ps, pe = pos, pos + len(part)
        pos = pe + 1
        if _is_letters(part):
            _split_run(text, ps, pe, out)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the words of ``text``, in order.

    A word is a run of letters with inner hyphens or apostrophes ("week-end",
    "aujourd’hui"). Elided articles come apart from their word ("l’OTSC" gives
    "l’" and "OTSC"; the apostrophe stays with the article). Runs mixing letters
    and digits are not words (hyphen parts made of letters still are), and nothing
    inside a URL, domain, e-mail address, @handle or #hashtag is a word.
    """
    masked = protected_spans(text)
    out: list[tuple[int, int]] = []
    mi = 0
    runs = _RUN if _MARK_RE.search(text) else _RUN_NO_MARKS
    for m in runs.finditer(text):
        s, e = m.span()
        if masked:
            while mi < len(masked) and masked[mi][1] <= s:
                mi += 1
            if mi < len(masked) and masked[mi][0] < e:
                continue
        if m.group().isalpha():
            out.append((s, e))   # the common case of _split_run: letters only
        else:
            _split_run(text, s, e, out)
    return out


@lru_cache(maxsize=16)
def shared_word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``word_spans(text)`` as a tuple, memoised for the last few texts only: the checks of
    one segment read the words of the same target several times."""
    return tuple(word_spans(text))
