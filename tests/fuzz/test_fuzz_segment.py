"""Fuzzing of app.core.segment: no crash, no hang, exact round trip on adversarial text."""
from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.core.segment import reassemble, segment_text, separators, split_paragraphs
from tests.fuzz.strategies import LANGUAGES, adversarial_text, fuzz_settings

# Everything segment.py treats as a line break ends a paragraph; separators hold nothing
# but whitespace (str.isspace) and these breaks.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _check_segments(text: str, lang: str) -> None:
    segments = segment_text(text, lang)
    seps = separators(text, segments)
    assert len(seps) == len(segments) + 1
    assert reassemble(segments, seps) == text
    pos, para = 0, 0
    for seg in segments:
        assert pos <= seg.start < seg.end <= len(text), seg
        assert text[seg.start:seg.end] == seg.text
        assert seg.paragraph >= para
        pos, para = seg.end, seg.paragraph
        # a segment never holds a paragraph break
        assert not any(ch in _BREAKS for ch in seg.text), seg
    for sep in seps:
        # nothing but blank is left outside the segments: no text is lost
        assert all(ch.isspace() or ch in _BREAKS for ch in sep), (sep, text)
    paragraphs = split_paragraphs(text)
    for seg in segments:
        ps, pe = paragraphs[seg.paragraph]
        assert ps <= seg.start and seg.end <= pe, (seg, paragraphs[seg.paragraph])


@fuzz_settings(300)
@given(adversarial_text(), st.sampled_from(LANGUAGES))
@example("Dr. Smith arrived. He left.", "en")
@example("\u00ab\u00a0Oui\u00a0!\u00a0\u00bb dit-il. Non\u202f?", "fr")
@example("." * 12_000, "en")
@example("a. " * 5_000, "de")
@example("\"" * 10_001 + ". Next", "en")
@example("\u05e9\u05dc\u05d5\u05dd. \u200f\u0645\u0631\u062d\u0628\u0627. Hi.", "xx")
def test_round_trip_and_slices(text, lang):
    _check_segments(text, lang)


@fuzz_settings(60)
@given(st.lists(st.sampled_from(["http://a.b/c.d", "x@y.z.", "www.", "e.g.", "Dr.", "..",
                                 "A.", "\u2026", "?!", "(", ")", "\u00ab", "\"", " ", ". ",
                                 "\u00a0", "\u202f", "Z"]),
                min_size=1, max_size=20).map("".join),
       st.integers(200, 2_000), st.sampled_from(LANGUAGES))
def test_long_repeated_patterns(chunk, times, lang):
    """One long paragraph of a repeated tricky pattern (URLs, dots, quotes, brackets)."""
    _check_segments(chunk * times, lang)


@fuzz_settings(100)
@given(st.text(min_size=0, max_size=300), st.sampled_from(LANGUAGES))
def test_any_unicode(text, lang):
    """Plain hypothesis text: every category (surrogates excluded), no structure."""
    _check_segments(text, lang)


@fuzz_settings(60)
@given(st.lists(st.sampled_from(["\u3002", "\uff01", "\uff1f", "\uff61", "\uff0e", "\u300c",
                                 "\u300d", "\u300e", "\u300f", "\uff08", "\uff09", "\u201d",
                                 "\u3068", "\u6771", "\u4eac", "\u3042", ".", "?", "\u2026",
                                 "\uff1b", "\u061f", "\u06d4", "\u0645", "A", "a", "3", " "]),
                min_size=1, max_size=20).map("".join),
       st.integers(200, 2_000), st.sampled_from(["ja", "zh", "ar", "en"]))
@example("\u300c" * 3_000, 1, "ja")
@example("\u300c\u3042\u3002" * 2_000 + "\u300d" * 2_000, 1, "ja")
@example("\u300d\u300c\u3042\u3002", 3_000, "ja")
def test_long_repeated_cjk_and_arabic_patterns(chunk, times, lang):
    """One long paragraph of Japanese, Chinese and Arabic marks, corner quotations nested or
    unbalanced, quotative particles (issue 20): round trip and linear time."""
    _check_segments(chunk * times, lang)


def test_many_openers_then_closers_of_the_other_kind():
    """Every closer looks for its opener: 20,000 unclosed 「 then 20,000 』 (each closer finds
    none: the scan is linear, not one walk of the stack per closer)."""
    _check_segments("\u300c\u3042\u3002" * 20_000 + "\u300f" * 20_000, "ja")
    _check_segments("\u300c\u300e\u3042\u3002" * 10_000 + "\u300d" * 10_000, "ja")


def test_separators_refuse_foreign_segments():
    """The guard the round trip relies on: separators() rejects segments of another text."""
    segments = segment_text("One. Two.", "en")
    with pytest.raises(ValueError, match="not an ordered slice"):
        separators("One. Twx.", segments)
