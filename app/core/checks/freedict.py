"""FreeDict bilingual dictionaries installed by the system (Debian's ``dict-freedict-*``
packages put ``/usr/share/dictd/freedict-eng-fra.index`` and ``.dict.dz`` there): found when
installed, nothing read from them otherwise. ``DICTD_DIRS`` lists where to look (tests and
benches set it to hide or replace the system's). The one module that reads dictd files; the
suggestions (suggest.py), the cognate ranking (cognates.py) and the content checks'
lexicon (content.py) ask it."""
from __future__ import annotations

import gzip
import re
from functools import lru_cache
from pathlib import Path

DICTD_DIRS = (Path("/usr/share/dictd"),)
_ISO3 = {"en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "pt": "por",
         "nl": "nld", "sv": "swe", "da": "dan", "pl": "pol", "ru": "rus", "cs": "ces",
         "fi": "fin", "el": "ell", "tr": "tur", "hu": "hun"}
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(number: str) -> int:
    value = 0
    for ch in number:
        value = value * 64 + _B64.index(ch)
    return value


def iso3(lang: str) -> str | None:
    """The three-letter code FreeDict names a language by ("en" -> "eng"), or None."""
    return _ISO3.get(lang)


def freedict_name(source: str, target: str) -> str:
    """The file stem of a pair's FreeDict dictionary ("en", "fr" -> "freedict-eng-fra");
    Debian's package is ``dict-`` and this stem."""
    return f"freedict-{_ISO3.get(source, source)}-{_ISO3.get(target, target)}"


def dictionary_path(source: str, target: str, directories=None) -> Path | None:
    """The index file of the installed FreeDict dictionary of a pair, or None when none of
    ``directories`` (default ``DICTD_DIRS``) holds one."""
    for directory in directories or DICTD_DIRS:
        index = (Path(directory) / freedict_name(source, target)).with_suffix(".index")
        if index.is_file():
            return index
    return None


@lru_cache(maxsize=8)
def _dictd(directory: str, source: str, target: str) -> dict[str, int] | None:
    """headword -> offset << 32 | length of a dictd index (one int: a tuple of two took
    0.8 MB more for FreeDict eng-fra; issue 17), or None when not installed."""
    stem = Path(directory) / freedict_name(source, target)
    index = stem.with_suffix(".index")
    if not index.is_file():
        return None
    table: dict[str, int] = {}
    for line in index.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and not parts[0].startswith("00-database"):
            try:
                table.setdefault(parts[0].lower(), _b64(parts[1]) << 32 | _b64(parts[2]))
            except ValueError:
                continue
    return table


@lru_cache(maxsize=8)
def _dictd_body(directory: str, source: str, target: str) -> bytes:
    stem = Path(directory) / freedict_name(source, target)
    packed, plain = stem.with_suffix(".dict.dz"), stem.with_suffix(".dict")
    if packed.is_file():
        return gzip.decompress(packed.read_bytes())
    return plain.read_bytes() if plain.is_file() else b""


def _entry_translations(entry: bytes) -> list[str]:
    """The translations of one dictd entry (its headword line left out), in order."""
    lines = entry.decode("utf-8", errors="replace").splitlines()[1:]
    out = []
    for line in lines:
        line = re.sub(r"^\s*\d+\.\s*", "", line).strip()
        if not line or line.startswith(("Note:", "Synonym", "See also", "<", "[")):
            continue
        for candidate in re.split(r"[,;]", line):
            candidate = re.sub(r"<[^>]*>|\([^)]*\)", "", candidate).strip()
            if candidate and candidate not in out:
                out.append(candidate)
    return out


def dictionary_translations(phrase: str, source: str, target: str,
                            directories=None) -> list[str]:
    """Translations of ``phrase`` in an installed FreeDict dictionary ([] when none)."""
    for directory in directories or DICTD_DIRS:
        index = _dictd(str(directory), source, target)
        if not index:
            continue
        where = index.get(phrase.strip().lower())
        if where is None:
            return []
        offset, length = where >> 32, where & 0xFFFFFFFF
        return _entry_translations(
            _dictd_body(str(directory), source, target)[offset:offset + length])
    return []


def dictionary_entries(source: str, target: str, directories=None):
    """Every (headword, translations) of the first installed FreeDict dictionary of a pair,
    headwords lower-cased, in index order; nothing when none is installed. For callers that
    build their own lexicon from the whole dictionary once (checks/content.py)."""
    for directory in directories or DICTD_DIRS:
        index = _dictd(str(directory), source, target)
        if not index:
            continue
        body = _dictd_body(str(directory), source, target)
        for headword, where in index.items():
            offset, length = where >> 32, where & 0xFFFFFFFF
            yield headword, _entry_translations(body[offset:offset + length])
        return


@lru_cache(maxsize=4)
def _word_senses(source: str, target: str, directories: tuple[str, ...]):
    """(source word -> its one-word translations, target word -> the source words it
    translates), lower case, from the first installed dictionary of the pair; both empty
    when none is. Read once per process and directory list. The words are kept as tuples
    (``word_senses`` makes the sets): a small frozenset takes 216 bytes, a tuple 48 to 72,
    3 MB less for FreeDict eng-fra (issue 17: check's peak memory)."""
    forward: dict[str, frozenset[str]] = {}
    backward: dict[str, set[str]] = {}
    try:
        entries = list(dictionary_entries(source, target, [Path(d) for d in directories]))
    except (OSError, EOFError, ValueError):
        entries = []   # a broken dictionary file: no senses
    for headword, translations in entries:
        if " " in headword:
            continue
        words = frozenset(t.lower() for t in translations if " " not in t)
        forward[headword] = forward.get(headword, frozenset()) | words
        for word in words:
            backward.setdefault(word, set()).add(headword)
    return ({k: tuple(v) for k, v in forward.items()},
            {k: tuple(v) for k, v in backward.items()})


def word_senses(word: str, source: str, target: str) -> tuple[frozenset[str], frozenset[str]]:
    """What an installed dictionary says of a word written the same in both languages:
    (its translations as a source word, the source words it translates as a target word);
    two empty sets when no dictionary is installed or it knows neither."""
    forward, backward = _word_senses(source, target, tuple(str(d) for d in DICTD_DIRS))
    word = word.lower()
    return frozenset(forward.get(word, ())), frozenset(backward.get(word, ()))
