"""Language profiles (issue 20): what the language-specific checks, segmentation and display
need to know about a target language.

    profile("de-CH") -> Profile     # regional variants fall back to their base language
    has_profile("pt-BR") -> True
    PROFILED                         # the base languages with a profile, in display order
    offered(interface) -> [(code, name), ...]   # for a language picker

Where the data comes from:

- decimal and group symbols, script direction and display names: CLDR through Babel
  (app/core/cldr.py, the one module of app/core that imports Babel);
- quotation marks: CLDR's delimiters data (common/main/<lang>.xml, <delimiters>:
  quotationStart/End and alternateQuotationStart/End), which Babel does not expose, copied
  into ``_QUOTES`` below; where a style guide and CLDR differ the style guide is named;
- spacing around punctuation, inverted marks and sentence-end marks: the language's
  typography rules (French: Lexique des règles typographiques de l'Imprimerie nationale and
  the Office québécois de la langue française for Canada; Spanish: Ortografía de la RAE
  2010, 3.4.2 on ¿? and ¡!; German: Duden, "Satzzeichen"; Polish: the Polish Academy's
  Słownik ortograficzny rules on punctuation; Japanese and Chinese: JIS X 4051 and GB/T
  15834-2011 for the full-width marks).

A code without a profile (any other language, or a malformed one) gets a neutral profile
(``Profile.neutral``: no language-specific check runs for it; the language-neutral checks
still do). A neutral profile still carries the script's facts, which are not checks: its
direction (Hebrew, Persian and Urdu are right to left), its sentence-end marks and whether
words are spaced.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.core import cldr

NBSP, NNBSP = "\u00a0", "\u202f"


@dataclass(frozen=True)
class Profile:
    """What is language-specific about writing one target language.

    code: the profile's own code ("fr", "fr-CH"); "" for the neutral profile.
    base: the primary language subtag ("fr").
    decimal, group: number symbols from CLDR ("," and U+202F for French).
    quotes: accepted (opening, closing) pairs of quotation marks, the primary first, then
        the secondary (nested) one, then other accepted styles.
    typographic_quotes: straight double quotes around prose are wrong in this language.
    space_before: punctuation mark -> the space expected before it ("" none: the mark is
        glued to the word; a space before it is an error). Marks not listed are not judged.
    space_inside_quotes: the space expected inside the primary quotes ("" none).
    space_before_percent: the space expected between a number and "%" ("" none judged).
    inverted: marks that open a sentence as well as close it: {"?": "¿", "!": "¡"}.
    sentence_ends: characters that end a sentence (before closing quotes and brackets).
    rtl: the script runs right to left.
    spaced: words are separated by spaces (False for Japanese and Chinese).
    """
    code: str
    base: str
    decimal: str = "."
    group: str = ","
    quotes: tuple[tuple[str, str], ...] = ()
    typographic_quotes: bool = False
    space_before: tuple[tuple[str, str], ...] = ()
    space_inside_quotes: str = ""
    space_before_percent: str = ""
    inverted: tuple[tuple[str, str], ...] = ()
    sentence_ends: str = ".!?\u2026"
    rtl: bool = False
    spaced: bool = True

    @property
    def neutral(self) -> bool:
        """No language-specific check runs for this profile."""
        return not self.code

    @property
    def primary_quotes(self) -> tuple[str, str] | None:
        return self.quotes[0] if self.quotes else None

    @property
    def secondary_quotes(self) -> tuple[str, str] | None:
        return self.quotes[1] if len(self.quotes) > 1 else None

    def space_before_mark(self, mark: str) -> str | None:
        """The space expected before ``mark`` ("" none), or None when not judged."""
        return dict(self.space_before).get(mark)

    def opening_mark(self, mark: str) -> str | None:
        """The inverted mark that opens what ``mark`` closes ("¿" for "?" in Spanish)."""
        return dict(self.inverted).get(mark)


# --- the tables -----------------------------------------------------------------------

# CLDR delimiters (quotationStart, quotationEnd), (alternateQuotationStart, alternateEnd),
# then other styles the language's style guides accept.
_QUOTES = {
    "en": (("\u201c", "\u201d"), ("\u2018", "\u2019")),                 # “ ” ‘ ’
    "fr": (("\u00ab", "\u00bb"), ("\u201c", "\u201d")),                 # « » “ ” (IN)
    "fr-CH": (("\u00ab", "\u00bb"), ("\u2039", "\u203a")),              # « » ‹ ›
    "de": (("\u201e", "\u201c"), ("\u201a", "\u2018"),                  # „ “ ‚ ‘
           ("\u00bb", "\u00ab"), ("\u203a", "\u2039")),                 # » « › ‹ (Duden: books)
    "de-CH": (("\u00ab", "\u00bb"), ("\u2039", "\u203a")),              # « » ‹ ›
    "es": (("\u00ab", "\u00bb"), ("\u201c", "\u201d"), ("\u2018", "\u2019")),  # RAE: « “ ‘
    "it": (("\u00ab", "\u00bb"), ("\u201c", "\u201d"), ("\u2018", "\u2019")),
    "pt": (("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb")),  # CLDR pt = Brazil
    "pt-PT": (("\u00ab", "\u00bb"), ("\u201c", "\u201d")),
    "nl": (("\u201c", "\u201d"), ("\u2018", "\u2019"),                 # CLDR ‘ ’ first; Taalunie:
           ("\u201e", "\u201d")),                                          # “ ” and „ ” too
    "pl": (("\u201e", "\u201d"), ("\u00ab", "\u00bb")),                 # „ ” « »
    "ru": (("\u00ab", "\u00bb"), ("\u201e", "\u201c")),                 # « » „ “
    "ja": (("\u300c", "\u300d"), ("\u300e", "\u300f")),                 # 「 」 『 』
    "zh": (("\u201c", "\u201d"), ("\u2018", "\u2019"),                 # “ ” ‘ ’ (GB/T 15834),
           ("\u300c", "\u300d"), ("\u300e", "\u300f")),                 # 「 」 『 』 accepted
    "zh-Hant": (("\u300c", "\u300d"), ("\u300e", "\u300f"),            # 「 」 『 』
                ("\u201c", "\u201d"), ("\u2018", "\u2019")),
    "ar": (("\u201d", "\u201c"), ("\u2019", "\u2018"),                 # CLDR ar
           ("\u00ab", "\u00bb"), ("\u201c", "\u201d")),                 # « » and “ ” in use
}

# Languages where straight double quotes around prose are a typographic error. English (a
# software convention), Dutch and Arabic accept them.
_TYPOGRAPHIC = frozenset({"fr", "de", "es", "it", "pt", "pl", "ru", "ja", "zh"})

_FRENCH_SPACES = ((";", NNBSP), (":", NBSP), ("!", NNBSP), ("?", NNBSP))
_GLUED = ((";", ""), (":", ""), ("!", ""), ("?", ""))
_SPACE_BEFORE = {
    "fr": _FRENCH_SPACES,
    # Canada (OQLF): only ":" takes a space; ; ! ? are glued to the word.
    "fr-CA": ((";", ""), (":", NBSP), ("!", ""), ("?", "")),
    # Switzerland (Guide du typographe, Groupe de Lausanne) spaces ; : ! ? as France does;
    # its differences are the numbers (CLDR) and the secondary quotes ‹ ›.
    "en": _GLUED, "de": _GLUED, "es": _GLUED, "it": _GLUED, "pt": _GLUED, "nl": _GLUED,
    "pl": _GLUED, "ru": _GLUED,
}
# French: a narrow no-break space inside « » and before % (Imprimerie nationale).
_INSIDE_QUOTES = {"fr": NNBSP}
_BEFORE_PERCENT = {"fr": NNBSP}

_INVERTED = {"es": (("?", "\u00bf"), ("!", "\u00a1"))}

_SENTENCE_ENDS = {
    "ja": "\u3002\uff01\uff1f.!?\u2026",          # 。！？
    "zh": "\u3002\uff01\uff1f.!?\u2026",
    "ar": ".!?\u061f\u06d4\u2026",                # ؟ (and ۔, the Urdu full stop)
    "fa": ".!?\u061f\u2026",
    "ur": ".!?\u061f\u06d4\u2026",
}

_UNSPACED = frozenset({"ja", "zh", "th", "lo", "km", "my"})

# The languages with a profile, in the order a picker lists them.
PROFILED = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "ja", "zh", "ar")

NEUTRAL = Profile(code="", base="")

# The base languages whose profile glues ; : ! ? to the word (space-before-punctuation), from
# the table alone: no CLDR data is loaded for it.
GLUED_PUNCTUATION = frozenset(code for code in PROFILED if _SPACE_BEFORE.get(code) == _GLUED)

_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def _normal(code: str) -> str:
    """ "pt_br" -> "pt-BR", "zh_hant_tw" -> "zh-Hant-TW": BCP 47 casing."""
    parts = re.split(r"[-_]", code.strip().split("@")[0])
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(out)


def _pick(table: dict, code: str, base: str, default=None):
    """The table's entry for the most specific of code's prefixes ("zh-Hant-TW",
    "zh-Hant", "zh"); a Taiwanese or Hong Kong Chinese without a script is Traditional."""
    parts = code.split("-")
    if base == "zh" and any(p in ("TW", "HK", "MO") for p in parts[1:]) and "Hans" not in parts:
        parts = ["zh", "Hant"]
    for k in range(len(parts), 0, -1):
        key = "-".join(parts[:k])
        if key in table:
            return table[key]
    return default


@lru_cache(maxsize=128)
def profile(code: str | None) -> Profile:
    """The profile of a target language code ("fr", "fr-CA", "pt_BR"); NEUTRAL for a
    language without one."""
    if not code or not _CODE.fullmatch(code.strip().split("@")[0]):
        return NEUTRAL
    normal = _normal(code)
    base = normal.split("-")[0]
    if base not in PROFILED:
        return Profile(code="", base=base, rtl=cldr.right_to_left(base),
                       sentence_ends=_SENTENCE_ENDS.get(base, Profile.sentence_ends),
                       spaced=base not in _UNSPACED)
    decimal, group = cldr.number_symbols(normal) or cldr.number_symbols(base) or (".", ",")
    return Profile(
        code=normal, base=base, decimal=decimal, group=group,
        quotes=_pick(_QUOTES, normal, base, ()),
        typographic_quotes=base in _TYPOGRAPHIC,
        space_before=_pick(_SPACE_BEFORE, normal, base, ()),
        space_inside_quotes=_pick(_INSIDE_QUOTES, normal, base, ""),
        space_before_percent=_pick(_BEFORE_PERCENT, normal, base, ""),
        inverted=_INVERTED.get(base, ()),
        sentence_ends=_SENTENCE_ENDS.get(base, Profile.sentence_ends),
        rtl=cldr.right_to_left(base),
        spaced=base not in _UNSPACED,
    )


def has_profile(code: str | None) -> bool:
    return not profile(code).neutral


def right_to_left(code: str | None) -> bool:
    """The script of the language runs right to left (ar, he, fa, ur), profile or not."""
    return profile(code).rtl


def display_name(code: str, interface: str = "en") -> str:
    """The language's name in the interface language ("Allemand" for "de" in "fr"), or the
    code itself when CLDR does not know it."""
    return cldr.display_name(code, interface) or code


@lru_cache(maxsize=16)
def offered(interface: str = "en") -> tuple[tuple[str, str], ...]:
    """(code, name in the interface language) of every language with a profile."""
    return tuple((code, display_name(code, interface)) for code in PROFILED)
