"""What a bead costs: a length term in the style of Gale & Church (characters; the expected
ratio between the two languages is estimated on the document itself), a prior per bead shape (a
sentence without counterpart costs its prior only: a long sentence left out of a translation is
no less likely than a short one), lexical evidence (the Dice overlap of the keys of the bead's
two sides) and paragraph evidence (soft: a bead that straddles a paragraph break on one side
only costs more, a cut at a paragraph end on both sides costs less).

`source_beads` and `close_row` compute one row of the search's table with these terms inlined
(the inner loop of the aligner)."""
from __future__ import annotations

import math
from array import array
from collections import defaultdict

from app.core.align.lexicon import features
from app.core.align.model import INF, PRIOR, ZERO_ONE

VARIANCE = 8.0           # variance of target characters per source character (Gale & Church: 6.8)
LEX_WEIGHT = 16.0        # weight of the lexical similarity (0..1) of a bead
PARA_STRADDLE = 3.0      # a bead that crosses a paragraph break on one side only
PARA_CUT_BONUS = 1.5     # a cut where both sides end a paragraph
LONELY_PER_CHAR = 0.0    # cost per character of a sentence left without counterpart


def _tail_cost(x):
    """-log of the two-sided normal tail probability P(|Z| >= x)."""
    if x < 8.0:
        return -math.log(max(math.erfc(x / math.sqrt(2.0)), 1e-300))
    # asymptotic form; continuous enough with the exact value at the switch
    return x * x / 2.0 + math.log(x * math.sqrt(math.pi / 2.0))


_SQ_STEP = 0.004          # the length cost is tabulated on x**2 (no square root per bead)
_SQ_MAX = 64.0
_SQ_TABLE = array("d", [_tail_cost(math.sqrt(k * _SQ_STEP))
                        for k in range(int(_SQ_MAX / _SQ_STEP) + 1)])
_SQ_LIST = list(_SQ_TABLE)


def length_cost(ls, lt, ratio):
    """Gale-Church cost of ls source characters against lt target characters (`_matched` inlines
    the same computation)."""
    mean = ls + lt / ratio
    if mean <= 0:
        return 0.0
    x2 = (lt - ls * ratio) ** 2 / (mean * VARIANCE / 2.0)
    return _SQ_TABLE[int(x2 / _SQ_STEP)] if x2 < _SQ_MAX else _tail_cost(math.sqrt(x2))


class Doc:
    """Per-side features of one block of sentences."""

    def __init__(self, sentences, paragraphs, progress=None):
        self.n = n = len(sentences)
        self.lengths = [len(s) for s in sentences]
        self.prefix = [0]          # lists: read in the inner loop, faster than arrays there
        for ln in self.lengths:
            self.prefix.append(self.prefix[-1] + ln)
        feats = [features(s) for s in (progress.over(sentences, n) if progress else sentences)]
        # tuples: a fraction of the memory of sets and lists (order does not matter)
        self.keys = [tuple(f[0]) for f in feats]
        self.words = [tuple(f[1]) for f in feats]
        # para_break[i]: a paragraph break lies before sentence i (i in 1..n-1); ends count too.
        # para_count[x]: breaks before sentences 1..x-1, so "a break inside (p, q)" is a
        # difference of two counts
        self.para_break = self.para_count = None
        if paragraphs is not None:
            pb = [True] * (n + 1)
            for i in range(1, n):
                pb[i] = paragraphs[i] != paragraphs[i - 1]
            self.para_break = pb
            count = array("l", [0]) * (n + 1)
            for x in range(1, n + 1):
                count[x] = count[x - 1] + (1 if x < n and pb[x] else 0)
            self.para_count = count


class Keys:
    """The evidence keys of both sides for one pass, indexed for the DP."""

    def __init__(self, src_keys, tgt_keys):
        self.src = src_keys
        self.tgt = tgt_keys
        self.src_count = [0]      # prefix sums of the number of keys per sentence
        for keys in src_keys:
            self.src_count.append(self.src_count[-1] + len(keys))
        self.tgt_count = [0]
        for keys in tgt_keys:
            self.tgt_count.append(self.tgt_count[-1] + len(keys))
        postings = defaultdict(list)          # key -> target sentences holding it, in order
        for j, keys in enumerate(tgt_keys):
            for k in keys:
                postings[k].append(j)
        self.postings = postings


# ---------------------------------------------------------------------------------------------
# One row of the search's table (the costs above, inlined)

_TABLE_END = _SQ_MAX / _SQ_STEP


def row_context(src, tgt, keys, ratio, windows):
    """What `_matched` reads for every bead, in the order it unpacks it."""
    var_step = VARIANCE / 2.0 * _SQ_STEP
    paras = src.para_break is not None and tgt.para_break is not None
    return (windows, tgt.prefix, keys.src_count, keys.tgt_count, src.para_count,
            tgt.para_count, paras, ratio, var_step, var_step / ratio)


def source_beads(grid, i, drow, brow):
    """Into row i of `grid` (drow: costs, brow: shapes), the best bead of each shape with a
    source side ending at each cell, where it beats what the cell holds."""
    lo, hi, D, shift, sp, context = grid.lo, grid.hi, grid.D, grid.shift, grid.src.prefix, \
        grid.row_context
    l_i, h_i = lo[i], hi[i]
    for k, a, b, prior in grid.used:
        if a > i:
            continue
        pi = i - a
        plo = lo[pi]
        j_first = l_i if l_i > plo + b else plo + b
        j_last = h_i if h_i < hi[pi] + b else hi[pi] + b
        if j_first > j_last:
            continue
        prior += shift[pi]
        if b:
            _matched(context, D[pi], plo, l_i, i, pi, k, b, prior, sp[i] - sp[pi], j_first,
                     j_last, drow, brow)
        else:
            prior += LONELY_PER_CHAR * (sp[i] - sp[pi])
            _unmatched(D[pi], plo, l_i, j_first, j_last, prior, k, drow, brow)


def _unmatched(prow, plo, l_i, j_first, j_last, prior, k, drow, brow):
    """Beads of source sentences without counterpart (shape k) ending at target boundaries
    j_first..j_last: the cost of the cell of the row before plus the prior."""
    for j in range(j_first, j_last + 1):
        cost = prow[j - plo] + prior
        if cost < drow[j - l_i]:
            drow[j - l_i] = cost
            brow[j - l_i] = k


def _matched(context, prow, plo, l_i, i, pi, k, b, prior, ls, j_first, j_last, drow, brow):
    """Beads of shape k (source sentences pi..i-1, ls characters, b target sentences) ending at
    target boundaries j_first..j_last of row i (which starts at l_i; prow, starting at plo, is
    row pi): prior, length, lexical and paragraph terms."""
    windows, tp, skc, tkc, scount, tcount, paras, ratio, var_step, lt_var = context
    lexw = [w for w in windows[pi:i] if w[1] is not None]
    nsum = skc[i] - skc[pi]
    straddle = paras and not (i - pi == 1 and b == 1)
    s_straddle = straddle and i - pi > 1 and scount[i - 1] > scount[pi]
    # the length term in table steps: d * d / (ls_var + lt * lt_var)
    lsr, ls_var = ls * ratio, ls * var_step
    lex, table, step, tail, table_end = LEX_WEIGHT, _SQ_LIST, _SQ_STEP, _tail_cost, _TABLE_END
    # every term but the lexical one is >= 0: a bead that cannot beat the best cost found so
    # far for its cell even with a perfect lexical match is skipped
    floor = prior - (lex if lexw else 0.0)
    one = lexw[0] if len(lexw) == 1 else None
    x = j_first - l_i
    for j in range(j_first, j_last + 1):
        pj = j - b
        prev = prow[pj - plo]
        best = drow[x]
        if prev + floor >= best:
            x += 1
            continue
        cost = prev + prior
        reward = 0.0
        if lexw:        # the lexical term first: cheap, and with it the bound is exact
            if one is not None:
                f, cum = one
                shared = cum[j - f] - cum[pj - f]
            else:
                shared = 0
                for f, cum in lexw:
                    shared += cum[j - f] - cum[pj - f]
            if shared:
                sim = 2.0 * shared / (nsum + tkc[j] - tkc[pj])
                reward = lex * (sim if sim < 1.0 else 1.0)
            if cost - reward >= best:
                x += 1
                continue
        lt = tp[j] - tp[pj]
        d = lt - lsr
        den = ls_var + lt * lt_var
        if den > 0:
            q = d * d / den
            cost += table[int(q)] if q < table_end else tail(math.sqrt(q * step))
        if reward:
            cost -= reward
        if straddle and s_straddle != (b > 1 and tcount[j - 1] > tcount[pj]):
            cost += PARA_STRADDLE
        if cost < best:
            drow[x] = cost
            brow[x] = k
        x += 1


def close_row(grid, i, drow, brow):
    """Finish row i: the bonus of a cut at a paragraph end on both sides, then the beads of
    target sentences without counterpart, which move along the row (so they come last, in
    order)."""
    spb, tpb, tp = grid.src.para_break, grid.tgt.para_break, grid.tgt.prefix
    l_i, h_i = grid.lo[i], grid.hi[i]
    cut = spb is not None and tpb is not None and spb[i]
    if cut:
        for j in range(l_i + 1 if i == 0 else l_i, h_i + 1):
            if tpb[j]:
                drow[j - l_i] -= PARA_CUT_BONUS
    zero_one = PRIOR[(0, 1)]
    for j in range(l_i + 1, h_i + 1):
        prev = drow[j - 1 - l_i]
        if prev == INF:
            continue
        cost = prev + zero_one + LONELY_PER_CHAR * (tp[j] - tp[j - 1])
        if cut and tpb[j]:
            cost -= PARA_CUT_BONUS
        if cost < drow[j - l_i]:
            drow[j - l_i] = cost
            brow[j - l_i] = ZERO_ONE
