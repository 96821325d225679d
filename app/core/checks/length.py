"""Omission and addition: a target much shorter or longer than the reference, and reference
content (numbers, URLs, e-mail addresses, handles) that has no counterpart in the target.

too-short / too-long
    The expected target length is ``len(reference) * ratio``, where ``ratio`` is
    ``Context.length_ratio`` (the aligner's ratio for this document) or the default of the
    language pair (``VERBOSITY[target] / VERBOSITY[source]``, e.g. about 1.15 for en-fr).
    Like Gale and Church, the deviation is measured in standard deviations of a variance
    that grows with the length: ``delta = (lt - ls * ratio) / sqrt(ls * ratio * VARIANCE)``.
    A short target is flagged when ``delta <= -OMISSION_DELTA``, it is below
    ``OMISSION_SHARE`` of the expected length and the reference has at least
    ``MIN_REFERENCE_CHARS`` characters; a long one when ``delta >= ADDITION_DELTA``, it is
    above ``ADDITION_SHARE`` times the expected length and at least ``MIN_EXTRA_CHARS``
    characters longer. Short UI strings vary too much to be judged and are left alone.

missing-content
    A number written with digits, a URL, an e-mail address or an @handle of the reference
    that appears nowhere in the target (by value for numbers, in any form), when the target
    has no other number that could be its mistranslation (that is number-mismatch's job).
    The span is the whole target: the missing text has no place in it. In a form of a
    plural PO entry, a placeholder of another source form stands in for the numbers ("1
    file" / "%d files" -> msgstr[0] "%d fichier": see ``Context.plural_references``).
"""
from __future__ import annotations

import math

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Text
from app.core.checks.numbers import _identifiers, _numbers, _unmatched
from app.core.checks.placeholders import plural_stand_ins

# Characters of translation per character of English, roughly (news and UI text).
VERBOSITY = {
    "en": 1.0, "fr": 1.15, "de": 1.12, "es": 1.12, "it": 1.10, "pt": 1.08, "nl": 1.08,
    "ca": 1.12, "ro": 1.10, "ru": 1.05, "pl": 1.05, "cs": 0.98, "sv": 1.0, "da": 1.0,
    "nb": 1.0, "fi": 1.02, "el": 1.12, "tr": 1.0, "hu": 1.05, "uk": 1.03,
}
VARIANCE = 6.8          # Gale and Church's variance per character
OMISSION_DELTA = 3.0
OMISSION_SHARE = 0.5
MIN_REFERENCE_CHARS = 40
ADDITION_DELTA = 3.5
ADDITION_SHARE = 1.8
MIN_EXTRA_CHARS = 30


def expected_ratio(lang: Languages, context: Context) -> float:
    """Target/reference length ratio: the context's (learned) one or the pair's default."""
    if context.length_ratio and context.length_ratio > 0:
        return context.length_ratio
    return VERBOSITY.get(lang.target_base, 1.0) / VERBOSITY.get(lang.source_base, 1.0)


def length_delta(ls: int, lt: int, ratio: float) -> float:
    """Standardised length deviation (negative: the target is short)."""
    if ls == 0:
        return 0.0
    return (lt - ls * ratio) / math.sqrt(ls * ratio * VARIANCE)


def _span(target: str) -> tuple[int, int] | None:
    start = len(target) - len(target.lstrip())
    end = len(target.rstrip())
    return (start, end) if end > start else None


def find_too_short(reference: str, target: str, lang: Languages, context: Context):
    """The target is much shorter than the reference: something was left out."""
    ls, lt = len(reference.strip()), len(target.strip())
    span = _span(target)
    if ls < MIN_REFERENCE_CHARS or span is None:
        return []
    ratio = expected_ratio(lang, context)
    delta = length_delta(ls, lt, ratio)
    if delta <= -OMISSION_DELTA and lt < OMISSION_SHARE * ls * ratio:
        return [Hit(*span, Text(N_("The translation is much shorter than the reference "
                                   "(%(length)s characters for about %(expected)s expected): "
                                   "part of it may be missing."), length=str(lt),
                                expected=str(round(ls * ratio))))]
    return []


def find_too_long(reference: str, target: str, lang: Languages, context: Context):
    """The target is much longer than the reference: something was added."""
    ls, lt = len(reference.strip()), len(target.strip())
    span = _span(target)
    if ls == 0 or span is None:
        return []
    ratio = expected_ratio(lang, context)
    expected = ls * ratio
    if (length_delta(ls, lt, ratio) >= ADDITION_DELTA and lt > ADDITION_SHARE * expected
            and lt - expected >= MIN_EXTRA_CHARS):
        return [Hit(*span, Text(N_("The translation is much longer than the reference "
                                   "(%(length)s characters for about %(expected)s expected): "
                                   "text may have been added."), length=str(lt),
                                expected=str(round(expected))))]
    return []


def find_missing_content(reference: str, target: str, lang: Languages, context: Context):
    """Numbers and identifiers of the reference that the target lacks entirely."""
    span = _span(target)
    if not reference.strip() or span is None:
        return []
    missing = []
    ref_numbers = _numbers(reference, lang.source_base)
    if ref_numbers:
        tgt_numbers = _numbers(target, lang.target_base)
        if not any(t.digits for t in _unmatched(tgt_numbers, ref_numbers)) and \
                not plural_stand_ins(reference, target, context):
            missing += [reference[r.start:r.end] for r in _unmatched(ref_numbers, tgt_numbers)
                        if r.digits]
    tgt_ids = _identifiers(target)
    for _, _, item, kind in _identifiers(reference):
        if kind == "hashtag":
            continue   # hashtags are sometimes translated or dropped on purpose
        if not any(t[3] == kind for t in tgt_ids) and item not in target:
            missing.append(item)
    if not missing:
        return []
    shown = ", ".join(f"\u201c{m}\u201d" for m in missing)
    return [Hit(*span, Text(N_("Not found in the translation: %(shown)s (from the reference)."),
                            shown=shown))]


TOO_SHORT = Check("too-short", "omission", "major", find_too_short,
                  "The translation is much shorter than the reference (length model per pair).")
TOO_LONG = Check("too-long", "addition", "major", find_too_long,
                 "The translation is much longer than the reference (length model per pair).")
MISSING_CONTENT = Check("missing-content", "omission", "major", find_missing_content,
                        "Numbers, URLs, e-mail addresses or handles of the reference that the "
                        "translation lacks.")
