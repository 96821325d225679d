"""Word frequencies: the only module of the project that uses wordfreq.

Frequencies are Zipf values (log10 of occurrences per billion words: 7 for "the", 3 for a
word seen once per million words, 0 for an unknown word). ``lean`` compares one word in two
languages, which is how the untranslated check tells "level" (English) from "niveau".
"""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=256)
def _base(lang: str) -> str:
    return re.split(r"[-_]", (lang or "").strip().lower(), maxsplit=1)[0]


def _wordfreq():
    """wordfreq, imported on first use (0.1 s)."""
    import wordfreq

    return wordfreq


@lru_cache(maxsize=None)
def _supported() -> frozenset[str]:
    return frozenset(_wordfreq().available_languages())


def is_supported(lang: str) -> bool:
    """True when wordfreq has a frequency list for ``lang`` ("fr", "fr-CA", "pt_BR"...)."""
    return _base(lang) in _supported()


# Below this Zipf value a word is missing from wordfreq's small lists (see the docstring).
SMALL_LIST_FLOOR = 3.0


@lru_cache(maxsize=None)
def _small_supported() -> frozenset[str]:
    return frozenset(_wordfreq().available_languages("small"))


@lru_cache(maxsize=400_000)
def _zipf(word: str, base: str) -> float:
    return _wordfreq().zipf_frequency(word, base)


@lru_cache(maxsize=100_000)
def _zipf_small(word: str, base: str) -> float:
    return _wordfreq().zipf_frequency(word, base, wordlist="small")


def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` (case-folded) in ``lang``; 0.0 when unknown or unsupported."""
    base = _base(lang)
    if base not in _supported() or not word:
        return 0.0
    return _zipf(word.replace("\u2019", "'").lower(), base)


def at_least(word: str, lang: str, threshold: float) -> bool:
    """``zipf(word, lang) >= threshold``. A threshold above ``SMALL_LIST_FLOOR`` is answered
    from the language's small list (exactly the same answer, far less memory): a word below
    the floor in the large list is missing from the small one, and both miss the threshold.
    A word of several wordfreq tokens combines token frequencies below each token's own, so
    a token missing from the small list keeps the word below the floor in both lists too."""
    base = _base(lang)
    if base not in _supported() or not word:
        return 0.0 >= threshold
    key = word.replace("\u2019", "'").lower()
    if threshold > SMALL_LIST_FLOOR and base in _small_supported():
        return _zipf_small(key, base) >= threshold
    return _zipf(key, base) >= threshold


def lean(word: str, source: str, target: str) -> float:
    """How much more frequent ``word`` is in ``source`` than in ``target`` (Zipf difference).

    Positive: the word leans to the source language ("affairs": about +1.9 for en over fr);
    negative: it leans to the target ("niveau").
    """
    return zipf(word, source) - zipf(word, target)
