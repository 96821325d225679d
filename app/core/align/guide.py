"""The guide of the search: anchor pairs of rare tokens shared by both sides, chained into a
monotone path, the target position expected at each source boundary, and the band of cells
searched around it."""
from __future__ import annotations

import bisect
import math
from array import array
from collections import defaultdict
from itertools import accumulate

ANCHOR_REPEAT = 16       # a token found k <= 16 times on both sides gives k anchor pairs
ANCHOR_TOLERANCE = 30    # an anchor this far off the line through its neighbours is dropped


def anchor_guide(src_keys, tgt_keys, n, m):
    """Monotone chain of (i, j) sentence pairs that share a token.

    A token found once on each side gives one pair; a token found the same number of times on
    both sides (at most ANCHOR_REPEAT) pairs its occurrences in order, so a text whose words
    all recur (a long book, repeated passages) still has anchors. The longest chain that is
    monotone in both coordinates keeps the consistent pairs."""
    return _drop_outliers(_longest_chain(_anchor_pairs(src_keys, tgt_keys, n, m)))


def _anchor_pairs(src_keys, tgt_keys, n, m):
    """Sorted (i, j) pairs of sentences sharing a token as often on both sides, not too far
    from the diagonal."""
    where_s, where_t = defaultdict(list), defaultdict(list)
    for table, keyss in ((where_s, src_keys), (where_t, tgt_keys)):
        for idx, keys in enumerate(keyss):
            for k in keys:
                if k.startswith("p:"):
                    continue
                table[k].append(idx)
    slack = max(30, (max(n, m) // 10))
    pairs = set()
    for k, ss in where_s.items():
        ts = where_t.get(k)
        if not ts or len(ss) != len(ts) or len(ss) > ANCHOR_REPEAT:
            continue
        for i, j in zip(ss, ts):
            if abs(j - i * m / max(n, 1)) <= slack:
                pairs.add((i, j))
    return sorted(pairs)


def _longest_chain(pairs):
    """The longest chain of sorted pairs increasing in both coordinates (patience sorting
    on j)."""
    tails, tails_idx, parent = [], [], [-1] * len(pairs)
    for idx, (i, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        # strictly increasing i too: pairs with the same i are sorted by j, which is enough
        if pos > 0 and pairs[tails_idx[pos - 1]][0] == i:
            continue
        parent[idx] = tails_idx[pos - 1] if pos > 0 else -1
        if pos == len(tails):
            tails.append(j)
            tails_idx.append(idx)
        else:
            tails[pos] = j
            tails_idx[pos] = idx
    chain = []
    idx = tails_idx[-1] if tails_idx else -1
    while idx >= 0:
        chain.append(pairs[idx])
        idx = parent[idx]
    chain.reverse()
    return chain


def _drop_outliers(chain, rounds=3):
    """Remove chain points far off the line through their two neighbours (a chance match of a
    recurring token that the longest chain took in). A point is dropped only where it is off
    the line by more than its neighbours are, so a good point next to a bad one stays."""
    for _ in range(rounds):
        if len(chain) < 3:
            break
        off = [0.0] * len(chain)
        for k in range(1, len(chain) - 1):
            (i0, j0), (i, j), (i1, j1) = chain[k - 1], chain[k], chain[k + 1]
            dev = abs(j - (j0 + (j1 - j0) * (i - i0) / (i1 - i0)))
            if dev > max(ANCHOR_TOLERANCE, 0.5 * (j1 - j0)):
                off[k] = dev
        kept = [p for k, p in enumerate(chain)
                if not off[k] or off[k] < off[k - 1] or off[k] < off[k + 1]]
        if len(kept) == len(chain):
            break
        chain = kept
    return chain


def guide_from_points(points, n, m):
    """Target position expected for each source boundary 0..n, by linear interpolation."""
    pts = [(0, 0)] + [p for p in points if 0 < p[0] < n and 0 < p[1] < m] + [(n, m)]
    guide = [0.0] * (n + 1)
    for (i0, j0), (i1, j1) in zip(pts, pts[1:]):
        if i1 <= i0:
            continue
        slope = (j1 - j0) / (i1 - i0)
        guide[i0:i1 + 1] = [j0 + k * slope for k in range(i1 - i0 + 1)]
    guide[n] = m
    return guide


def band(guide, widths, n, m):
    """Per source boundary i, the inclusive range of target boundaries searched (half-width
    widths[i] around the guide)."""
    ceil = math.ceil
    lo = [int(g) - w for g, w in zip(guide, widths)]
    hi = [ceil(g) + w for g, w in zip(guide, widths)]
    lo[0], hi[n] = 0, m
    # monotone, overlapping rows keep every cell reachable: lo never decreases, hi never
    # decreases (a running minimum from the end), and no row starts right of the end of the
    # row before
    lo = list(accumulate((x if x > 0 else 0 for x in lo), max))
    hi = list(accumulate(reversed([x if x < m else m for x in hi]), min))[::-1]
    lo[1:] = [h if x > h + 1 else x for x, h in zip(lo[1:], hi)]
    return array("l", lo), array("l", hi)
