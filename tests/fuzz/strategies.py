"""Hypothesis settings and input strategies shared by the fuzz tests (see conftest.py)."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_COUNT = os.environ.get("FUZZ_EXAMPLES")


def fuzz_settings(default_examples: int) -> settings:
    """``default_examples`` in normal runs (derandomized), FUZZ_EXAMPLES when it is set."""
    return settings(
        max_examples=int(_COUNT) if _COUNT else default_examples,
        deadline=None,
        derandomize=not _COUNT,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.large_base_example, HealthCheck.filter_too_much],
    )


# Characters that segmentation, tokenisation and the checks treat specially.
SPECIAL_CHARS = (
    ".!?;:,\u2026\u203c\u2047\u3002\uff01\uff1f\u0964"        # end punctuation
    "\"'\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a`"  # quotes
    "()[]{}<>\u00bf\u00a1\u2013\u2014-_/\\@#%&*+=|~^$\u20ac"   # brackets and symbols
    " \t\u00a0\u202f\u2009\u2007\u200b\u200c\u200d\u2060\ufeff"  # spaces, zero-width
    "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"                      # line breaks
    "\u0301\u0308\u0327\u20dd"                                   # combining marks
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi controls
    "\u05d0\u05d1\u0627\u0644\u0661\u0969"                      # Hebrew, Arabic, digits
    "\u00e9\u00c9\u00df\u0130\u0131\ufb01\u1e9e\u01c5"          # case oddities
    "0123456789AZaz\x00\x07\x7f"
)

# Multi-character pieces: abbreviations, URL- and e-mail-like garbage, numbers, markup.
TOKENS = (
    "Dr.", "e.g.", "i.e.", "U.S.A.", "M.", "Mme.", "z.B.", "St.", "No.", "vs.", "etc.",
    "...", "....", "?!", "!!!", "\u2026\u2026", "''", "``", "\"\"", "\u00ab\u00a0", "\u00a0\u00bb",
    "http://", "https://www.", "www.", "example.com", ".org/", "?a=1&b=2", "#frag",
    "user@example.com", "a@b", "@handle", "#tag", "://", "mailto:",
    "3.14", "1,000", "1 000", "1\u202f000,5", "12:30", "2024-01-31", "31/12/2024", "50%",
    "<b>", "</b>", "&amp;", "%s", "%(name)s", "{0}", "{{", "}}", "\\n",
    "The", "Le", "Der", "l\u2019", "aujourd'hui", "Stra\u00dfe", "\u0130stanbul",
    "word", "mot", "Wort", "a", "I", " ", "  ", "\n", "\n\n", "\r\n",
)

_ANY_CHAR = st.characters(exclude_categories=("Cs",))  # every category but surrogates


def pieces() -> st.SearchStrategy[str]:
    """One small piece of adversarial text."""
    return st.one_of(
        st.sampled_from(TOKENS),
        st.text(st.sampled_from(SPECIAL_CHARS), min_size=1, max_size=6),
        st.text(_ANY_CHAR, min_size=1, max_size=8),
        st.text(st.sampled_from(".\"'()[]\u00ab\u00bb\u201c\u201d!?"), min_size=8, max_size=60),
    )


@st.composite
def adversarial_text(draw, max_pieces: int = 40, allow_long: bool = True) -> str:
    """Adversarial text: a mix of pieces, sometimes with a chunk repeated into a 10k+
    character paragraph (a single long line)."""
    text = "".join(draw(st.lists(pieces(), max_size=max_pieces)))
    if allow_long and draw(st.integers(0, 9)) == 0:
        chunk = draw(st.lists(pieces(), min_size=1, max_size=6).map("".join))
        chunk = chunk.replace("\n", " ") or "x"
        times = 10_000 // len(chunk) + 1
        where = draw(st.integers(0, len(text)))
        text = text[:where] + chunk * times + text[where:]
    return text


def sentence() -> st.SearchStrategy[str]:
    """One 'sentence' for the aligner and the checks: short adversarial text without the
    10k runs (those are drawn separately, where wanted)."""
    return adversarial_text(max_pieces=12, allow_long=False)


LANGUAGES = ("en", "fr", "de", "xx", "fr-CA", "pt-BR", "")
LANGUAGE_PAIRS = (("en", "fr"), ("de", "fr"), ("fr", "en"), ("xx", "yy"), ("en", "fr-CA"))
