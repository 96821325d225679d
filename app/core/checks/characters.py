"""Typography: characters typed by mistake — a zero-width space, two capitals at a word's start.

zero-width-space
    A zero-width space (U+200B) or word joiner (U+2060) in the translation that the
    reference does not have: invisible, it breaks search and copy. Khmer, Thai, Lao,
    Burmese, Tibetan and Dzongkha mark word boundaries with it, so those targets are left
    alone. The span is the character; the suggestion removes it. (Weblate's
    zero-width-space check.)

multiple-capitals
    A word of the translation that starts with exactly two capitals followed by at least
    two lower-case letters ("BOnjour", "CAmelCase") and is not in the reference: the Shift
    key held a letter too long. Acronyms ("OTAN"), units and plurals of acronyms ("MHz",
    "PCs", "IPv4") do not have that shape. The suggestion lowers the second capital.
    (Weblate's multiple-capitals check.)
"""
from __future__ import annotations

import re

from app.core.checks.base import Check, Context, Hit, Languages

_ZERO_WIDTH = re.compile("[\u200b\u2060]")
_SPACELESS_SCRIPTS = frozenset({"km", "th", "lo", "my", "bo", "dz"})
_WORD = re.compile(r"[^\W\d_]+")


def find_zero_width_space(reference: str, target: str, lang: Languages, context: Context):
    """Zero-width spaces of the target that the reference does not use."""
    if lang.target_base in _SPACELESS_SCRIPTS or not _ZERO_WIDTH.search(target):
        return []
    if _ZERO_WIDTH.search(reference):
        return []
    return [Hit(m.start(), m.end(), "An invisible zero-width space: it breaks searching and "
                                    "copying the text.", "")
            for m in _ZERO_WIDTH.finditer(target)]


def _two_capitals(word: str) -> bool:
    head, rest = word[:2], word[2:4]
    return len(word) >= 4 and head.isupper() and rest.islower() and len(rest) == 2


def find_multiple_capitals(reference: str, target: str, lang: Languages, context: Context):
    """Words starting with two capitals and then lower case that the reference lacks."""
    hits = []
    for m in _WORD.finditer(target):
        word = m.group(0)
        if _two_capitals(word) and word not in reference:
            hits.append(Hit(m.start(), m.end(), f"\u201c{word}\u201d starts with two "
                                                f"capitals.", word[0] + word[1].lower() + word[2:]))
    return hits


ZERO_WIDTH_SPACE = Check("zero-width-space", "typography", "minor", find_zero_width_space,
                         "An invisible zero-width space in the translation.")
MULTIPLE_CAPITALS = Check("multiple-capitals", "typography", "minor", find_multiple_capitals,
                          "A word that starts with two capitals (\u201cBOnjour\u201d).")
