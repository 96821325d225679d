"""Repetition: a word or a short phrase written twice in a row ("la la", "de la de la").

repeated-words
    Two identical words (case-insensitive) separated by spaces only, or a phrase of two or
    three words repeated at once. Legitimate doublings are listed per language in
    ``LEGIT_DOUBLES``: French reflexive "nous nous" / "vous vous", German relative "die die",
    English "had had", "that that". A doubling that the reference also contains (a quoted
    "bye bye", a name) is not flagged either. The suggestion replaces the doubled span by one
    occurrence.
"""
from __future__ import annotations

import re
from itertools import compress
from operator import eq

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Text
from app.core.tokens import shared_word_spans

LEGIT_DOUBLES = {
    "fr": frozenset({"nous", "vous", "si", "bien", "très", "tout", "pan", "bla", "ha", "hé",
                     "vite", "non", "oui", "plus"}),
    "en": frozenset({"had", "that", "is", "bye", "no", "yes", "very", "ha", "so", "far"}),
    "de": frozenset({"die", "der", "das", "den", "dem", "des", "ja", "nein", "sehr"}),
    "es": frozenset({"no", "sí", "muy", "ya"}),
    "it": frozenset({"no", "sì", "molto", "piano"}),
    "pt": frozenset({"não", "sim", "muito"}),
    # Sesotho doubles its concords ("batho ba ba tsebang"); pofilter's language data agrees.
    "st": frozenset({"o", "le", "ba"}),
}
MAX_PHRASE = 3
_GAP = re.compile(r"[ \t\u00a0\u202f]{1,3}")


def find_repeated_words(reference: str, target: str, lang: Languages, context: Context):
    """Words and short phrases doubled by mistake."""
    spans = shared_word_spans(target)
    if len(spans) < 2:
        return []
    # a word's key: lower case, typographic apostrophes straight
    keys = [target[s:e].lower() for s, e in spans]
    if "\u2019" in target:
        keys = [k.replace("\u2019", "'") for k in keys]
    if len(set(keys)) == len(keys):
        return []   # every doubling below starts with one key seen twice
    # A doubling starts at a word whose key comes again 1 to MAX_PHRASE words later: only
    # those words are tried (the others would find nothing), in order.
    starts = sorted(set().union(*(compress(range(len(keys)), map(eq, keys, keys[n:]))
                                  for n in range(1, MAX_PHRASE + 1))))
    if not starts:
        return []
    legit = LEGIT_DOUBLES.get(lang.target_base, frozenset())
    ref_lower = None   # the reference in lower case, spaces collapsed, when first needed
    in_reference = {}  # doubled phrase -> found in the reference (each looked up once)
    hits, i = [], 0
    for start_word in starts:
        if start_word < i:
            continue   # inside a doubling already reported
        i = start_word
        found = 0
        for n in range(1, MAX_PHRASE + 1):
            if i + 2 * n > len(spans):
                break
            if keys[i] != keys[i + n]:
                continue   # the phrases differ in their first word (no slices to compare)
            first, second = keys[i:i + n], keys[i + n:i + 2 * n]
            if first != second:
                continue
            gaps = [target[spans[k][1]:spans[k + 1][0]] for k in range(i, i + 2 * n - 1)]
            if not all(_GAP.fullmatch(g) or (g == "" ) for g in gaps):
                continue
            if any(g == "" for g in gaps):
                continue   # elided words glued together ("l’l’") are not doublings here
            if n == 1 and (keys[i] in legit or len(keys[i]) == 1 and not keys[i].isalpha()):
                continue
            start, end = spans[i][0], spans[i + 2 * n - 1][1]
            doubled = " ".join(target[start:end].lower().split())
            if doubled not in in_reference:
                if ref_lower is None:
                    ref_lower = " ".join(reference.lower().split())
                in_reference[doubled] = doubled in ref_lower
            if in_reference[doubled]:
                continue
            found = n
            single = target[start:spans[i + n - 1][1]]
            said = (Text(N_("Repeated word: “%(text)s” is written twice."), text=single)
                    if n == 1 else
                    Text(N_("Repeated words: “%(text)s” is written twice."), text=single))
            hits.append(Hit(start, end, said, single))
            break
        i += 2 * found if found else 1
    return hits


REPEATED_WORDS = Check("repeated-words", "repetition", "major", find_repeated_words,
                       "A word or short phrase written twice in a row.")
