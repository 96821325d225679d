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
    "PCs", "IPv4") do not have that shape. Latin, Greek and Cyrillic letters are read. The
    suggestion lowers the second capital.
    (Weblate's multiple-capitals check.)
"""
from __future__ import annotations

import re

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Text

_ZERO_WIDTH = re.compile("[\u200b\u2060]")
_SPACELESS_SCRIPTS = frozenset({"km", "th", "lo", "my", "bo", "dz"})
# Two capitals then two lower-case letters at a word's start (Latin, Greek, Cyrillic).
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f\u0401"
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff\u03b1-\u03c9\u0430-\u044f\u0451"
_TWO_CAPITALS = re.compile(rf"(?<![^\W\d_])[{_UPPER}]{{2}}[{_LOWER}]{{2}}[^\W\d_]*")
_SHAPE = re.compile(rf"[{_UPPER}]{{2}}[{_LOWER}]{{2}}")   # the quick test, anywhere


def find_zero_width_space(reference: str, target: str, lang: Languages, context: Context):
    """Zero-width spaces of the target that the reference does not use."""
    if ("\u200b" not in target and "\u2060" not in target) or (
            lang.target_base in _SPACELESS_SCRIPTS):
        return []
    if _ZERO_WIDTH.search(reference):
        return []
    return [Hit(m.start(), m.end(), Text(N_("An invisible zero-width space: it breaks "
                                            "searching and copying the text.")), "")
            for m in _ZERO_WIDTH.finditer(target)]


def find_multiple_capitals(reference: str, target: str, lang: Languages, context: Context):
    """Words starting with two capitals and then lower case that the reference lacks."""
    if not _SHAPE.search(target):
        return []
    hits = []
    for m in _TWO_CAPITALS.finditer(target):
        word = m.group(0)
        if word not in reference:
            hits.append(Hit(m.start(), m.end(), Text(N_("“%(word)s” starts with two capitals."),
                                                     word=word),
                            word[0] + word[1].lower() + word[2:]))
    return hits


ZERO_WIDTH_SPACE = Check("zero-width-space", "typography", "minor", find_zero_width_space,
                         "An invisible zero-width space in the translation.")
MULTIPLE_CAPITALS = Check("multiple-capitals", "typography", "minor", find_multiple_capitals,
                          "A word that starts with two capitals (\u201cBOnjour\u201d).")
