"""Fuzzing of app.core.align.align: no crash; beads cover every sentence once, in order;
pinned beads come back unchanged; progress goes from 0 to its total, never backwards."""
from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from app.core.align import Bead, align
from tests.fuzz.strategies import fuzz_settings, sentence

_POOL = ("", "Hello.", "Bonjour.", "The cat sat on the mat.", "Le chat.", "1 2 3", "...",
         "http://example.com", "\u00ab\u00a0Oui\u00a0!\u00a0\u00bb")


def _sentences(max_size):
    return st.lists(st.one_of(st.sampled_from(_POOL), sentence(),
                              st.builds(lambda s, k: (s or "x") * k, st.sampled_from(_POOL),
                                        st.integers(500, 3_000))),
                    max_size=max_size)


@st.composite
def _paragraphs(draw, size):
    if draw(st.booleans()):
        return None
    steps = draw(st.lists(st.integers(0, 1), min_size=size, max_size=size))
    out, p = [], 0
    for s in steps:
        p += s
        out.append(p)
    return out


_SHAPES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1), (2, 2), (3, 1), (1, 3))


@st.composite
def _problem(draw):
    """Two sentence lists and a set of valid pinned beads, taken from a random complete
    monotone partition of both lists (so the pins never overlap or cross)."""
    src = draw(_sentences(25))
    tgt = draw(_sentences(25))
    beads, i, j = [], 0, 0
    while i < len(src) or j < len(tgt):
        a, b = draw(st.sampled_from(_SHAPES))
        a, b = min(a, len(src) - i), min(b, len(tgt) - j)
        if a == b == 0:
            a, b = (1, 0) if i < len(src) else (0, 1)
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), 1.0))
        i, j = i + a, j + b
    pinned = [bd for bd in beads if draw(st.integers(0, 5)) == 0]
    return src, tgt, pinned, draw(_paragraphs(len(src))), draw(_paragraphs(len(tgt)))


def _check_cover(beads, n, m):
    assert [i for b in beads for i in b.src] == list(range(n))
    assert [j for b in beads for j in b.tgt] == list(range(m))
    for b in beads:
        assert b.src or b.tgt, b
        assert list(b.src) == list(range(b.src[0], b.src[0] + len(b.src))) if b.src else True
        assert list(b.tgt) == list(range(b.tgt[0], b.tgt[0] + len(b.tgt))) if b.tgt else True
        assert math.isfinite(b.score) and 0.0 <= b.score <= 1.0, b


@fuzz_settings(120)
@given(_problem(),
       st.one_of(st.none(), st.dictionaries(st.sampled_from(["hello", "cat", "the", "", "x y"]),
                                            st.one_of(st.sampled_from(["bonjour", "chat", ""]),
                                                      st.lists(st.sampled_from(["le", "la"]))),
                                            max_size=3)))
def test_beads_cover_everything_in_order(problem, lexicon):
    src, tgt, pinned, src_p, tgt_p = problem
    calls = []
    beads = align(src, tgt, src_paragraphs=src_p, tgt_paragraphs=tgt_p,
                  pinned=pinned, lexicon=lexicon,
                  progress=lambda done, total: calls.append((done, total)))
    _check_cover(beads, len(src), len(tgt))
    # progress: one total, done from 0 up to it, never backwards
    total = calls[0][1]
    assert total >= 1 and all(t == total for _, t in calls)
    assert calls[0][0] == 0 and calls[-1][0] == total
    assert all(0 <= a <= b <= total for (a, _), (b, _) in zip(calls, calls[1:]))
    got = {(b.src, b.tgt) for b in beads}
    for p in pinned:
        assert (p.src, p.tgt) in got, p


@fuzz_settings(40)
@given(st.integers(0, 60), st.integers(0, 60), st.sampled_from(_POOL))
def test_identical_sentences_and_unequal_lengths(n, m, text):
    """Many copies of one sentence on each side, in very different numbers."""
    beads = align([text] * n, [text] * m)
    _check_cover(beads, n, m)
