"""Editable word lists under app/core/data/ (format in app/core/data/README.md).

Lists are read once per language and kept for the life of the process (they are static
data keyed by language, not by the text being checked).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


@lru_cache(maxsize=None)
def loanwords(target_base: str) -> frozenset[str]:
    """Accepted loanwords of a target language, case-folded ("fr" -> {"week-end", ...})."""
    words = _lines(DATA_DIR / "loanwords" / f"{target_base}.txt")
    return frozenset(w.strip().lower().replace("\u2019", "'") for w in words)


@lru_cache(maxsize=None)
def known_phrases(source_base: str, target_base: str) -> dict[str, str]:
    """Known untranslated phrases -> replacement ("state of affairs" -> "situation")."""
    table = {}
    for line in _lines(DATA_DIR / "phrases" / f"{source_base}-{target_base}.tsv"):
        phrase, _, replacement = line.partition("\t")
        if replacement.strip():
            table[" ".join(phrase.lower().split())] = replacement.strip()
    return table


@lru_cache(maxsize=None)
def target_phrases(target_base: str) -> dict[str, str]:
    """Known target-language calques -> replacement ("faire du sens" -> "avoir du sens")."""
    table = {}
    for line in _lines(DATA_DIR / "phrases" / f"{target_base}.tsv"):
        phrase, _, replacement = line.partition("\t")
        if replacement.strip():
            table[" ".join(phrase.replace("\u2019", "'").lower().split())] = replacement.strip()
    return table


@lru_cache(maxsize=None)
def hand_lexicon(source_base: str, target_base: str) -> dict[str, tuple[str, ...]]:
    """The hand-written bilingual list ``lexicon/<source>-<target>.tsv``: source word ->
    its target counterparts, in the order written ("deadline" -> ("échéance", "délai", ...))."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _lines(DATA_DIR / "lexicon" / f"{source_base}-{target_base}.tsv"):
        word, _, targets = line.partition("\t")
        senses = tuple(t.strip() for t in targets.split(",") if t.strip())
        if senses:
            table[" ".join(word.lower().split())] = senses
    return table
