"""Tests of the sentence aligner (app/core/align/)."""
import random
from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from app.core.align import AlignmentError, Bead, align
from app.core.align.costs import Doc, Keys, length_cost
from app.core.align.guide import _drop_outliers, anchor_guide, band, guide_from_points
from app.core.align.lexicon import features, fold, induce_lexicon, seed_lexicon
from app.core.align.model import INF, SHAPES
from app.core.align.search import Grid

ROOT = Path(__file__).resolve().parents[2]


def shapes(beads):
    return [(b.src, b.tgt) for b in beads]


def assert_partition(beads, n, m):
    """Every sentence once, in order, contiguous beads, scores in [0, 1]."""
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    assert src == list(range(n))
    assert tgt == list(range(m))
    for b in beads:
        assert b.src or b.tgt
        assert list(b.src) == list(range(b.src[0], b.src[0] + len(b.src))) if b.src else True
        assert list(b.tgt) == list(range(b.tgt[0], b.tgt[0] + len(b.tgt))) if b.tgt else True
        assert 0.0 <= b.score <= 1.0


def words(rng, k):
    return " ".join(rng.choice(["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa"])
                    for _ in range(k))


def sentences(seed, count):
    rng = random.Random(seed)
    return [words(rng, rng.randint(3, 25)) + "." for _ in range(count)]


def test_identical_lengths_give_one_to_one():
    src = sentences(1, 30)
    tgt = ["x" * len(s) for s in src]
    assert shapes(align(src, tgt)) == [((i,), (i,)) for i in range(30)]


def test_sentence_split_in_two_gives_one_to_two():
    src = sentences(2, 20)
    tgt = ["y" * len(s) for s in src]
    half = len(tgt[7]) // 2
    tgt[7:8] = ["y" * half, "y" * (len(src[7]) - half)]
    got = shapes(align(src, tgt))
    assert ((7,), (7, 8)) in got
    assert got[:7] == [((i,), (i,)) for i in range(7)]
    assert got[8:] == [((i,), (i + 1,)) for i in range(8, 20)]


def test_two_sentences_merged_gives_two_to_one():
    src = sentences(3, 20)
    tgt = ["z" * len(s) for s in src]
    tgt[4:6] = ["z" * (len(src[4]) + len(src[5]) + 1)]
    got = shapes(align(src, tgt))
    assert ((4, 5), (4,)) in got


def test_dropped_sentence_gives_one_to_zero():
    src = sentences(4, 20)
    src[10] = "delta " * 25     # long enough that merging it into a neighbour is implausible
    tgt = ["w" * len(s) for s in src]
    del tgt[10]
    got = shapes(align(src, tgt))
    assert ((10,), ()) in got
    assert got.count(((10,), ())) == 1
    assert [g for g in got if g[0] and g[1]] == \
        [((i,), (i if i < 10 else i - 1,)) for i in range(20) if i != 10]


def test_added_sentence_gives_zero_to_one():
    src = sentences(5, 20)
    tgt = ["v" * len(s) for s in src]
    tgt.insert(12, "v" * 200)   # no source sentence has this length
    got = shapes(align(src, tgt))
    assert ((), (12,)) in got


@pytest.mark.parametrize("n, m", [(0, 0), (0, 3), (4, 0)])
def test_empty_sides(n, m):
    beads = align(["a sentence"] * n, ["une phrase"] * m)
    assert_partition(beads, n, m)
    assert all(not (b.src and b.tgt) for b in beads)
    assert len(beads) == n + m


def test_anchors_beat_lengths():
    # Lengths alone would pair 1-1; the shared numbers, names and URL say which sentence is which.
    src = ["The meeting on 12 March 2021 was short.", "Anna Kowalski wrote to info@example.org.",
           "See https://example.org/a for 3,500 details.", "It ended."]
    tgt = ["La réunion du 12 mars 2021 fut brève, Anna Kowalski écrivit à info@example.org.",
           "Voir https://example.org/a pour 3 500 détails.", "Ce fut la fin."]
    got = shapes(align(src, tgt))
    assert got == [((0, 1), (0,)), ((2,), (1,)), ((3,), (2,))]


@pytest.mark.parametrize("word, folded", [
    ("Tokaïev", "tokaiev"), ("ÉTATS", "etats"), ("Zürich", "zurich"), ("naïve", "naive"),
    ("Kazakhstan", "kazakhstan"),
])
def test_fold(word, folded):
    assert fold(word) == folded


@pytest.mark.parametrize("left, right", [
    ("3,000", "3 000"), ("3,000", "3\u202f000"), ("2.5", "2,5"), ("1'000'000", "1.000.000"),
    ("@Liveuamap", "@liveuamap"), ("Tokayev", "Tokaïev"), ("#Almaty", "#almaty"),
    ("What?", "Quoi ?"), ("https://t.co/M6X", "https://t.co/M6X."),
])
def test_features_shared_across_languages(left, right):
    assert features(left)[0] & features(right)[0]


@pytest.mark.parametrize("left, right", [("3,000", "300"), ("2021", "2022"), ("3.5", "3.6"),
                                         ("maison", "house"), ("What?", "Quoi !")])
def test_features_kept_apart(left, right):
    assert not (features(left)[0] & features(right)[0])


def test_handles_and_hashtags_are_anchors_of_their_own():
    anchors = lambda text: {k for k in features(text)[0] if k.startswith("a:")}
    assert anchors("@anna") == {"a:@anna"}
    assert anchors("#anna") == {"a:#anna"}
    assert anchors("write to a.b@example.org") == {"a:a.b@example.org"}


def test_pinned_beads_are_honoured():
    src = sentences(6, 25)
    tgt = ["u" * len(s) for s in src]
    pins = [Bead((3,), (3, 4), 1.0), Bead((10, 11), (11,), 1.0)]
    got = align(src, tgt, pinned=pins)
    assert_partition(got, 25, 25)
    assert ((3,), (3, 4)) in shapes(got)
    assert ((10, 11), (11,)) in shapes(got)


def test_pinned_lonely_beads_are_honoured():
    src = sentences(7, 15)
    tgt = ["t" * len(s) for s in src]
    pins = [Bead((5,), (), 1.0), Bead((), (9,), 1.0)]
    got = align(src, tgt, pinned=pins)
    assert_partition(got, 15, 15)
    assert ((5,), ()) in shapes(got)
    assert ((), (9,)) in shapes(got)


@pytest.mark.parametrize("pins", [
    [Bead((3,), (3,), 1.0), Bead((2,), (5,), 1.0)],     # crossing
    [Bead((3, 4), (3,), 1.0), Bead((4,), (4,), 1.0)],   # overlapping
    [Bead((30,), (3,), 1.0)],                           # out of range
])
def test_impossible_pins_are_refused(pins):
    with pytest.raises(AlignmentError):
        align(sentences(8, 10), sentences(9, 10), pinned=pins)


def test_paragraphs_are_soft_cut_points():
    # Without paragraphs, lengths suggest merging 1+2 on the source side; the paragraph break
    # between them (on the source side only) makes a 1-1 plus a 1-2 the better reading.
    src = ["a" * 40, "b" * 40, "c" * 40]
    tgt = ["x" * 80, "y" * 20, "z" * 20]
    plain = shapes(align(src, tgt))
    assert plain[0] == ((0, 1), (0,))
    with_paras = shapes(align(src, tgt, src_paragraphs=[0, 1, 1],
                              tgt_paragraphs=[0, 1, 1]))
    assert with_paras[0] == ((0,), (0,))
    assert_partition(align(src, tgt, src_paragraphs=[0, 1, 1],
                           tgt_paragraphs=[0, 1, 1]), 3, 3)


def test_paragraph_list_must_match():
    with pytest.raises(ValueError):
        align(["a", "b"], ["c"], src_paragraphs=[0])


texts = st.lists(st.text(alphabet="abc xyz.?!0123", min_size=0, max_size=60), max_size=25)


@settings(max_examples=80, deadline=None)
@given(texts, texts)
def test_coverage_and_monotonicity(src, tgt):
    assert_partition(align(src, tgt), len(src), len(tgt))


@settings(max_examples=40, deadline=None)
@given(texts, texts, st.randoms(use_true_random=False))
def test_coverage_with_random_pins(src, tgt, rng):
    # pins drawn from a random monotone partition, so they can all hold together
    beads, i, j = [], 0, 0
    while i < len(src) or j < len(tgt):
        a = rng.randint(0 if j < len(tgt) else 1, min(2, len(src) - i)) if i < len(src) else 0
        b = rng.randint(0 if a else 1, min(2, len(tgt) - j)) if j < len(tgt) else 0
        beads.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), 1.0))
        i, j = i + a, j + b
    pins = [b for b in beads if rng.random() < 0.3]
    got = align(src, tgt, pinned=pins)
    assert_partition(got, len(src), len(tgt))
    for p in pins:
        assert (p.src, p.tgt) in shapes(got)


def _sample_segments():
    segment = pytest.importorskip("app.core.segment")
    ref = (ROOT / "source_texts/csto-kazakhstan.ref.en.txt").read_text(encoding="utf-8")
    mt = (ROOT / "source_texts/csto-kazakhstan.mt.fr.txt").read_text(encoding="utf-8")
    return segment.segment_text(ref, "en"), segment.segment_text(mt, "fr")


def test_sample_pair_aligns_sentence_for_sentence():
    # The English reference is a faithful sentence-for-sentence version of the French MT: every
    # unit is one English sentence against its French translation.
    en, fr = _sample_segments()
    beads = align([s.text for s in en], [s.text for s in fr],
                  src_paragraphs=[s.paragraph for s in en],
                  tgt_paragraphs=[s.paragraph for s in fr])
    assert_partition(beads, len(en), len(fr))
    assert len(en) == len(fr)
    assert shapes(beads) == [((i,), (i,)) for i in range(len(en))]
    for b in beads:
        e, f = en[b.src[0]], fr[b.tgt[0]]
        assert e.paragraph == f.paragraph
        # anchors that survive translation land in the same unit
        for token in ("https://t.co/M6XrayNalG", "@Liveuamap", "Stanislav Zas", "2022"):
            assert (token in e.text) == (token in f.text)


def test_lexicon_is_induced_from_one_to_one_beads():
    rng = random.Random(11)
    vocab = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "theta"]
    mapping = {w: w[::-1] + "x" for w in vocab}         # a made-up word-for-word translation
    src, tgt = [], []
    for _ in range(60):
        ws = rng.sample(vocab, 3)
        src.append(" ".join(ws) + ".")
        tgt.append(" ".join(mapping[w] for w in reversed(ws)) + ".")
    doc_s, doc_t = Doc(src, None), Doc(tgt, None)
    path = [(i, i + 1, i, i + 1, 0.0) for i in range(60)]
    lexicon = induce_lexicon(doc_s, doc_t, path)
    for w in vocab:
        assert mapping[w] in lexicon[w]
    # a shuffled pairing carries no such evidence
    shuffled = [(i, i + 1, j, j + 1, 0.0) for i, j in enumerate(rng.sample(range(60), 60))]
    noisy = induce_lexicon(doc_s, doc_t, shuffled)
    assert sum(mapping[w] in noisy.get(w, ()) for w in vocab) < len(vocab)


def test_length_ratio_comes_from_the_document():
    # a target language that is half again as long sentence for sentence stays 1-1
    src = sentences(12, 40)
    tgt = ["q" * int(len(s) * 1.5) for s in src]
    assert shapes(align(src, tgt)) == [((i,), (i,)) for i in range(40)]


def test_confidence_is_lower_for_a_bad_pair():
    src = ["The meeting of 12 March 2021 in Geneva was short.", "Anna Kowalski chaired it."]
    tgt = ["La réunion du 12 mars 2021 à Genève fut brève.", "Anna Kowalski la présida."]
    good = align(src, tgt)
    assert shapes(good) == [((0,), (0,)), ((1,), (1,))]
    bad = align(src[:1], ["Il pleuvait sur toute la ville ce matin-là."])
    assert min(b.score for b in good) > max(b.score for b in bad)


def test_length_cost_grows_with_the_mismatch():
    costs = [length_cost(100, lt, 1.0) for lt in (100, 110, 130, 200, 400, 2000)]
    assert costs[0] < 0.1
    assert costs == sorted(costs) and len(set(costs)) == len(costs)
    # the expected ratio moves the minimum
    assert length_cost(100, 150, 1.5) < length_cost(100, 100, 1.5)
    assert length_cost(0, 0, 1.0) == 0.0


@pytest.mark.parametrize("where", [0, 1])
def test_a_user_lexicon_is_evidence(where):
    # Lengths are symmetric: the middle target sentence could join either source sentence.
    # A glossary entry ("house" -> "maison", no shared spelling) tells which.
    src = ["q" * 44 + ".", "q" * 44 + "."]
    src[where] = "the house " + "q" * 34 + "."
    tgt = ["z" * 39 + ".", "la maison " + "z" * 9 + ".", "z" * 39 + "."]
    got = shapes(align(src, tgt, lexicon={"house": ["maison"]}))
    assert got == ([((0,), (0, 1)), ((1,), (2,))] if where == 0 else
                   [((0,), (0,)), ((1,), (1, 2))])


def test_seed_lexicon_keeps_single_words():
    assert seed_lexicon({"Rosé": ["Rosier", "rose des vents"], "red wine": "vin"}) == \
        {"rose": {"rosier"}}


def test_recurring_tokens_give_anchors_in_order():
    # every token occurs twice per side (the text is repeated): no token is unique, yet the
    # occurrences paired in order anchor both copies
    src_keys = [{"c:alpha"}, {"c:beta"}, {"c:gamma"}] * 2
    tgt_keys = [{"c:alpha"}, {"x:other"}, {"c:beta"}, {"c:gamma"}] * 2
    chain = anchor_guide(src_keys, tgt_keys, 6, 8)
    assert chain == [(0, 0), (1, 2), (2, 3), (3, 4), (4, 6), (5, 7)]


def test_tokens_with_unequal_counts_give_no_anchor():
    src_keys = [{"c:alpha"}, {"c:alpha"}, {"c:beta"}]
    tgt_keys = [{"c:alpha"}, {"c:beta"}, {"c:gamma"}]
    assert anchor_guide(src_keys, tgt_keys, 3, 3) == [(2, 1)]


@pytest.mark.parametrize("chain, kept", [
    ([(0, 0), (100, 100), (200, 200)], [(0, 0), (100, 100), (200, 200)]),
    ([(0, 0), (100, 100), (150, 20), (200, 200), (300, 300)],
     [(0, 0), (100, 100), (200, 200), (300, 300)]),
    ([(0, 0), (100, 100), (110, 190), (200, 200)], [(0, 0), (100, 100), (200, 200)]),
    ([(0, 0), (500, 560), (1000, 1000)], [(0, 0), (500, 560), (1000, 1000)]),
])
def test_chance_anchors_off_the_line_are_dropped(chain, kept):
    assert _drop_outliers(chain) == kept


# ---------------------------------------------------------------------------------------------
# progress(done, total): the hook of background imports (progress bar and cancellation)

def book_like(seed, count):
    """A source of `count` sentences and a target with some sentences split, merged and
    dropped, so that the aligner needs more than 1-1 beads (and may widen its band)."""
    rng = random.Random(seed)
    src = [words(rng, rng.randint(3, 30)) + f" {k}." for k in range(count)]
    tgt = []
    k = 0
    while k < count:
        roll = rng.random()
        if roll < 0.05 and k + 1 < count:
            tgt.append("t" * (len(src[k]) + len(src[k + 1])) + f" {k} {k + 1}.")
            k += 2
            continue
        if roll < 0.10:
            half = len(src[k]) // 2
            tgt += ["t" * half + f" {k}.", "t" * (len(src[k]) - half)]
        elif roll > 0.98:
            pass
        else:
            tgt.append("t" * len(src[k]) + f" {k}.")
        k += 1
    return src, tgt


def recorded(src, tgt, **kwargs):
    calls = []
    beads = align(src, tgt, progress=lambda done, total: calls.append((done, total)),
                  **kwargs)
    return beads, calls


def assert_regular_progress(calls):
    totals = {t for _, t in calls}
    assert len(totals) == 1, "total changes during the call"
    total = totals.pop()
    assert total >= 1
    dones = [d for d, _ in calls]
    assert all(isinstance(d, int) for d in dones)
    assert dones[0] == 0 and dones[-1] == total and calls.count((total, total)) >= 1
    assert all(a <= b for a, b in zip(dones, dones[1:])), "progress went backwards"
    assert all(0 <= d <= total for d in dones)
    # no jump larger than a few per cent of the work between two calls
    assert max(b - a for a, b in zip(dones, dones[1:])) <= 0.03 * total


def test_progress_is_monotone_regular_and_ends_at_total():
    src, tgt = book_like(11, 1500)
    beads, calls = recorded(src, tgt, src_paragraphs=[k // 7 for k in range(len(src))],
                            tgt_paragraphs=[k // 7 for k in range(len(tgt))])
    assert_partition(beads, len(src), len(tgt))
    assert_regular_progress(calls)
    assert len(calls) >= 100
    # the callback only observes: same beads without it
    assert beads == align(src, tgt, src_paragraphs=[k // 7 for k in range(len(src))],
                          tgt_paragraphs=[k // 7 for k in range(len(tgt))])


@pytest.mark.parametrize("n, m", [(0, 0), (0, 3), (4, 0), (1, 1)])
def test_progress_on_tiny_inputs(n, m):
    beads, calls = recorded(["a sentence."] * n, ["une phrase."] * m)
    assert_partition(beads, n, m)
    total = calls[0][1]
    assert calls[0] == (0, total) and calls[-1] == (total, total)


def test_progress_with_pinned_beads():
    src, tgt = book_like(12, 400)
    pins = [Bead((50,), (50,), 1.0), Bead((200,), (), 1.0), Bead((), (300,), 1.0)]
    beads, calls = recorded(src, tgt, pinned=pins)
    assert_partition(beads, len(src), len(tgt))
    dones = [d for d, _ in calls]
    assert all(a <= b for a, b in zip(dones, dones[1:]))
    assert calls[-1][0] == calls[-1][1] and len({t for _, t in calls}) == 1


class Cancelled(Exception):
    pass


@pytest.mark.parametrize("stop_at", [0.0, 0.3, 0.7])
def test_a_raising_callback_stops_the_alignment(stop_at):
    src, tgt = book_like(13, 1500)
    seen = []

    def progress(done, total):
        seen.append(done / total)
        if done / total >= stop_at:
            raise Cancelled(f"cancelled at {done}/{total}")

    with pytest.raises(Cancelled):
        align(src, tgt, progress=progress)
    # stopped at the first call at or past the mark, within about 1% of the work of it
    assert seen[-1] >= stop_at and seen[-1] < stop_at + 0.03
    assert all(f < stop_at for f in seen[:-1])


# ---------------------------------------------------------------------------------------------
# Band widening recomputes only from the widened rows: the table must be the one a full
# computation with the final band gives.

@pytest.mark.parametrize("seed", [21, 22, 23])
def test_widening_recomputes_what_a_full_fill_computes(seed):
    src_s, tgt_s = book_like(seed, 300)
    src, tgt = Doc(src_s, [k // 6 for k in range(len(src_s))]), \
        Doc(tgt_s, [k // 6 for k in range(len(tgt_s))])
    keys = Keys(src.keys, tgt.keys)
    ratio = tgt.prefix[-1] / src.prefix[-1]
    n, m = src.n, tgt.n
    guide = guide_from_points([], n, m)
    widths = array("l", [3]) * (n + 1)
    lo, hi = band(guide, widths, n, m)
    grid = Grid(src, tgt, keys, ratio, SHAPES, lo, hi)
    assert grid.fill() == n + 1
    path, _ = grid.trace()
    # widen two stretches around the path, recompute each from its first row only
    for a, b in ((40, 80), (150, 210)):
        for r in range(a, b + 1):
            widths[r] = 12
    new_lo, new_hi = band(guide_from_points([(p[1], p[3]) for p in path], n, m),
                              widths, n, m)
    rows = 0
    for a, b in ((40, 80), (150, 210)):
        grid.widen(new_lo, new_hi, a, b)
        rows += grid.fill(a, b)
    assert rows < n + 1                      # it did stop early
    full = Grid(src, tgt, keys, ratio, SHAPES, array("l", grid.lo),
                    array("l", grid.hi))
    full.fill()
    assert [p[:4] for p in grid.trace()[0]] == [p[:4] for p in full.trace()[0]]
    for i in range(n + 1):
        for x, y in zip(grid.D[i], full.D[i]):
            assert (x == y == INF) or abs((x + grid.shift[i]) - y) < 1e-6


@given(st.integers(1, 80), st.integers(0, 80), st.data())
@settings(max_examples=200, deadline=None)
def test_band_rows_are_monotone_and_connected(n, m, data):
    guide = [data.draw(st.floats(0, m)) for _ in range(n + 1)]   # guides stay in 0..m
    widths = array("l", [data.draw(st.integers(0, 12)) for _ in range(n + 1)])
    lo, hi = band(guide, widths, n, m)
    assert lo[0] == 0 and hi[n] == m
    assert all(0 <= lo[i] <= m and 0 <= hi[i] <= m for i in range(n + 1))
    assert all(lo[i - 1] <= lo[i] or lo[i] == hi[i - 1] for i in range(1, n + 1))
    assert all(hi[i - 1] <= hi[i] for i in range(1, n + 1))
    # every row starts at most one target past the end of the row before (reachable cells)
    assert all(lo[i] <= hi[i - 1] + 1 for i in range(1, n + 1))


def test_japanese_two_sentences_align_one_to_one_after_segmentation():
    """Issue 20: the Japanese sentences are cut at 。 (no space follows), so each aligns 1-1
    with its English sentence instead of the whole Japanese line 2-1."""
    from app.core.segment import segment_text

    english = "It is sunny in Tokyo. It will probably rain tomorrow."
    japanese = "東京は晴れです。明日は雨が降るでしょう。"
    src = [s.text for s in segment_text(english, "en")]
    tgt = [s.text for s in segment_text(japanese, "ja")]
    assert tgt == ["東京は晴れです。", "明日は雨が降るでしょう。"]
    assert shapes(align(src, tgt)) == [((0,), (0,)), ((1,), (1,))]
