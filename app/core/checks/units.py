"""Omission: the degree, percent or per-mille sign of a number dropped from the translation.

unit-sign
    A number of the reference followed by "°", "%" or "‰" ("180° turn", "50% of users") whose
    value the target keeps while the sign is gone and no word says it ("Virage de 180"): a
    measure became a bare number. The sign anywhere in the target, or its word in a common
    language ("degrés", "pour cent", "Prozent", "per mille" ...), is enough. A changed or
    dropped number is number-mismatch's and missing-content's. The span is the target's
    number; the suggestion adds the sign (French spaces "%" and "‰" with a narrow no-break
    space). pofilter's numbers check counts the degree sign as part of the number.
"""
from __future__ import annotations

import re

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Text

_SIGNED = re.compile(r"(?<![\w.,%])(\d+(?:[.,]\d+)?)[ \u00a0\u202f]?([°%‰])")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])")
_WORDS = {
    "°": ("degr", "grad", "grau"),
    "%": ("pour cent", "pourcent", "percent", "per cent", "prozent", "por ciento",
          "per cento", "por cento"),
    "‰": ("pour mille", "per mille", "per mil", "promille", "por mil"),
}
_SPACED_IN_FRENCH = "%‰"


def _value(number: str) -> str:
    return number.replace(",", ".")


def find_unit_sign(reference: str, target: str, lang: Languages, context: Context):
    """Numbers of the target whose reference counterpart carried a °, % or ‰ sign."""
    if not any(sign in reference for sign in _WORDS):
        return []
    folded = target.lower()
    hits, used = [], set()
    for m in _SIGNED.finditer(reference):
        number, sign = m.groups()
        if sign in target or any(word in folded for word in _WORDS[sign]):
            continue
        for n in _NUMBER.finditer(target):
            if _value(n.group(0)) == _value(number) and n.start() not in used:
                used.add(n.start())
                space = "\u202f" if lang.target_base == "fr" and sign in _SPACED_IN_FRENCH else ""
                hits.append(Hit(n.start(), n.end(), Text(N_("The reference writes “%(written)s”; "
                                                            "the translation lost the "
                                                            "“%(sign)s”."),
                                                         written=m.group(0), sign=sign),
                                n.group(0) + space + sign))
                break
    return hits


UNIT_SIGN = Check("unit-sign", "omission", "major", find_unit_sign,
                  "A degree, percent or per-mille sign of the reference lost from its number.")
