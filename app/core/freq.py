"""Word frequencies: the only module of the project that uses wordfreq.

Frequencies are Zipf values (log10 of occurrences per billion words: 7 for "the", 3 for a
word seen once per million words, 0 for an unknown word). ``lean`` compares one word in two
languages, which is how the untranslated check tells "level" (English) from "niveau".
"""
from __future__ import annotations

import re
from functools import lru_cache

import wordfreq


@lru_cache(maxsize=256)
def _base(lang: str) -> str:
    return re.split(r"[-_]", (lang or "").strip().lower(), maxsplit=1)[0]


@lru_cache(maxsize=None)
def _supported() -> frozenset[str]:
    return frozenset(wordfreq.available_languages())


def is_supported(lang: str) -> bool:
    """True when wordfreq has a frequency list for ``lang`` ("fr", "fr-CA", "pt_BR"...)."""
    return _base(lang) in _supported()


@lru_cache(maxsize=400_000)
def _zipf(word: str, base: str) -> float:
    return wordfreq.zipf_frequency(word, base)


def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` (case-folded) in ``lang``; 0.0 when unknown or unsupported."""
    base = _base(lang)
    if base not in _supported() or not word:
        return 0.0
    return _zipf(word.replace("\u2019", "'").lower(), base)


def lean(word: str, source: str, target: str) -> float:
    """How much more frequent ``word`` is in ``source`` than in ``target`` (Zipf difference).

    Positive: the word leans to the source language ("affairs": about +1.9 for en over fr);
    negative: it leans to the target ("niveau").
    """
    return zipf(word, source) - zipf(word, target)
