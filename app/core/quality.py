"""A document quality score in the MQM way.

Every finding costs penalty points by severity (``PENALTIES``: minor 1, major 5, critical 25).
The penalty is normalised per 100 words of the target (``per_100_words``), and the score is
``max(0, 100 - per_100_words)``: 100 for a text without findings, 0 for one with at least one
point per word. Dismissed findings are the caller's to leave out (the store knows them).

    words = count_words(target_texts)
    result = mqm_score(findings, words)   # -> QualityScore(penalty, words, per_100_words, score)
    result = mqm_counts({"minor": 3, "major": 1}, words)   # the same from counts by severity

A text without words scores 100 when it has no findings and 0 otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from app.core.tokens import shared_word_spans

PENALTIES = {"minor": 1, "major": 5, "critical": 25}


@dataclass(frozen=True)
class QualityScore:
    penalty: int            # total penalty points
    words: int              # words of the target
    per_100_words: float    # penalty points per 100 words
    score: float            # max(0, 100 - per_100_words), rounded to 0.1


def count_words(texts: str | Iterable[str]) -> int:
    """Words of a text or of several texts (letters with inner hyphens/apostrophes; numbers
    count as words too)."""
    if isinstance(texts, str):
        texts = [texts]
    total = 0
    for text in texts:
        # The memoised spans: the checks of a segment have usually just read the same text.
        total += len(shared_word_spans(text))
        # Most texts hold no digit at all; looking at their distinct characters is cheaper
        # than looking at every character of every whitespace-separated part. The tests
        # by map: no Python frame a character (half the time of generators; a word's
        # first letter settles most parts).
        if any(map(str.isdigit, set(text))):
            total += sum(1 for part in text.split() if not any(map(str.isalpha, part))
                         and any(map(str.isdigit, part)))
    return total


def mqm_score(findings: Iterable, words: int) -> QualityScore:
    """Score findings (anything with a ``severity`` attribute) against a word count."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return mqm_counts(counts, words)


def mqm_counts(counts: Mapping[str, int], words: int) -> QualityScore:
    """The same score from the number of findings of each severity."""
    penalty = 0
    for severity, n in counts.items():
        if severity not in PENALTIES:
            raise ValueError(f"unknown severity {severity!r}")
        penalty += PENALTIES[severity] * n
    if words <= 0:
        return QualityScore(penalty, 0, float(penalty) * 100, 100.0 if penalty == 0 else 0.0)
    per_100 = penalty * 100.0 / words
    return QualityScore(penalty, words, round(per_100, 3), round(max(0.0, 100.0 - per_100), 1))
