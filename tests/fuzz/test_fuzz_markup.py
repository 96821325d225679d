"""Fuzzing of app/core/markup.py: on any text, the spans are sorted, disjoint, inside the
text and of a known kind, the helpers agree with them, and markup-like pieces (roles,
placeholders, quotes, paths, versions) glued in any order never break these rules."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.core import markup
from tests.fuzz.strategies import adversarial_text, fuzz_settings

_MARKUP_PIECES = st.sampled_from([
    ":ref:`x`", ":maxdepth:", ".. note::", "``a``", "`b`", "`make html'", "%s", "%(n)s",
    "%1$s", "{0}", "{n, plural, one {# a} other {# b}}", "{{ x }}", "http://a.org/b_c",
    "a@b.org", "v3", "2.0.3", "Sphinx 5.1", "version 2.0", "Content-Type: text/html",
    "'language = None'", "'make info'", "<b>", "&amp;", "/etc/hosts", "conf.py", "--help",
    "snake_case", "a.b.c", "f()", "k=v", ":", "'", '"', "`", "«", "»", " ", "\n   ", "l'été",
    "50 %", "Paris: la ville", "\u00a0", "(", ")", "{", "}", "-", ".", "..",
])


@st.composite
def markup_text(draw):
    return "".join(draw(st.lists(_MARKUP_PIECES, max_size=30)))


def _check(text):
    found = markup.spans(text)
    assert list(found) == sorted(found)
    for sp in found:
        assert 0 <= sp.start < sp.end <= len(text), (text, sp)
        assert sp.kind in markup.KINDS
    assert all(a.end <= b.start for a, b in zip(found, found[1:])), (text, found)
    masked = markup.masked(text)
    assert len(masked) == len(text)
    for pos in range(len(text)):
        holder = markup.inside(text, pos)
        assert (holder is not None) == any(s <= pos < e for s, e, _ in found)
        assert (masked[pos] == " ") or holder is None
    for sp in found:
        assert markup.overlapping(text, sp.start, sp.end)


@fuzz_settings(150)
@given(markup_text())
def test_markup_pieces_give_well_formed_spans(text):
    _check(text)


@fuzz_settings(150)
@given(adversarial_text(max_pieces=20, allow_long=False))
def test_any_text_gives_well_formed_spans(text):
    _check(text)
