"""The search: dynamic programming over a band of cells around the guide path, widened where
the best path runs along its edge, so that time and memory grow about linearly with the length
of the document."""
from __future__ import annotations

import bisect
from array import array
from itertools import accumulate

from app.core.align.costs import close_row, row_context, source_beads
from app.core.align.guide import band, guide_from_points
from app.core.align.model import INF, PRIOR, SHAPES
from app.core.align.progress import Pass

REFINE_BAND = 6          # half-width of the second-pass band, around the first-pass path
MIN_BAND = 8             # half-width of the first search band, in target sentences
MAX_BAND = 200           # the band stops growing here (texts that do not correspond at all)
MAX_WIDENINGS = 7
WIDEN_REACH = 20         # rows on each side of an edge touch that get the wider band
EDGE_MARGIN = 2          # a path this close to the band edge makes the band wider


class Grid:
    """The table of the dynamic programme of one banded search, kept so that a wider band in
    one stretch is searched again from there only.

    Row i (source boundary i) holds the target boundaries lo[i]..hi[i]; its stored costs plus
    shift[i] are the costs of the best paths from (0, 0). After a stretch of rows is widened,
    `fill` recomputes the rows from the first widened one and stops as soon as the new rows
    equal the old ones plus a constant for as many rows as the tallest bead: every later row
    would then equal its old value plus that constant too, which `shift` records."""

    def __init__(self, src, tgt, keys, ratio, shapes, lo, hi, tick=None):
        self.src, self.tgt, self.keys, self.ratio = src, tgt, keys, ratio
        self.tick = tick              # told now and then while windows are computed
        self.n, self.m = src.n, tgt.n
        # cheap and likely beads first: the best cost of a cell found early lets the exact
        # bound of the loop skip more of the others
        self.used = sorted(((k, a, b, PRIOR[(a, b)]) for k, (a, b) in enumerate(SHAPES)
                            if (a, b) in shapes and a), key=lambda u: (u[2] != 1 or u[1] != 1,
                                                                       u[2] != 0, u[0]))
        self.amax = max(a for _, a, _, _ in self.used)
        self.bmax = max(b for _, _, b, _ in self.used)
        self.lo, self.hi = lo, hi
        self.D = [None] * (self.n + 1)
        self.BP = [None] * (self.n + 1)
        self.shift = array("d", [0.0]) * (self.n + 1)
        self.windows = [None] * self.n
        self._windows(0, self.n)
        self.row_context = row_context(src, tgt, keys, ratio, self.windows)

    def _windows(self, first, last):
        """For each source sentence s of first..last-1, (f, cum): cum[x - f] is the number of
        keys s shares with the target sentences f..x-1, over every target sentence that a bead
        holding s can reach inside the band (cum is None when s shares no key with them)."""
        keys, lo, hi, n = self.keys, self.lo, self.hi, self.n
        postings, src_keys = keys.postings, keys.src
        amax, bmax = self.amax, self.bmax
        windows = self.windows
        find = bisect.bisect_left
        tick = self.tick
        for s in range(max(0, first), min(n, last)):
            if tick is not None and not s & 127:
                tick()
            top = s + amax if s + amax < n else n
            f = min(lo[s + 1:top + 1]) - bmax     # rows may jump left where a band was widened
            if f < 0:
                f = 0
            e = max(hi[s + 1:top + 1])
            counts = None
            for k in src_keys[s]:
                plist = postings.get(k)
                if not plist:
                    continue
                a = find(plist, f)
                b = find(plist, e, a)
                if a == b:
                    continue
                if counts is None:
                    counts = [0] * (e - f + 1)
                for j in plist[a:b]:
                    counts[j - f + 1] += 1
            windows[s] = (f, list(accumulate(counts)) if counts is not None else None)

    def widen(self, new_lo, new_hi, first, last):
        """Take the band of rows first..last from new_lo/new_hi (each row only grows)."""
        lo, hi = self.lo, self.hi
        for r in range(first, last + 1):
            if new_lo[r] < lo[r]:
                lo[r] = new_lo[r]
            if new_hi[r] > hi[r]:
                hi[r] = new_hi[r]
        self._windows(first - self.amax, last)
    def fill(self, start=0, changed_until=-1, run=None):
        """Compute rows start..n; past row `changed_until` stop once the rows match the old
        ones up to a constant. Returns the number of rows computed."""
        n, D, BP, shift = self.n, self.D, self.BP, self.shift
        every = run.every if run is not None else n + 2
        same, delta = 0, None       # rows in a row matching the old table, and by how much
        for i in range(start, n + 1):
            if (i - start) % every == 0 and run is not None:
                run.tick(i - start)
            # row i from the rows before: costs, and the shape of the last bead of each path
            width = self.hi[i] - self.lo[i] + 1
            drow = array("d", [INF]) * width
            brow = array("b", [-1]) * width
            if i == 0:
                drow[0] = 0.0
            source_beads(self, i, drow, brow)
            close_row(self, i, drow, brow)
            if i > changed_until and D[i] is not None:
                same, delta = _streak(same, delta, _offset(drow, D[i], shift[i], brow, BP[i]))
                if same >= self.amax:
                    # rows i-amax+1..i are the old ones + delta, hence every later row too
                    D[i], BP[i], shift[i] = drow, brow, 0.0
                    for r in range(i + 1, n + 1):
                        shift[r] += delta
                    return i - start + 1
            D[i], BP[i], shift[i] = drow, brow, 0.0
        return n + 1 - start

    def trace(self):
        """The best path to (n, m): (list of (i0, i1, j0, j1, cost), source boundaries where it
        runs along the band edge)."""
        lo, hi, D, BP, shift, m = self.lo, self.hi, self.D, self.BP, self.shift, self.m
        path, touched = [], []
        i, j = self.n, m
        while i > 0 or j > 0:
            k = BP[i][j - lo[i]]
            a, b = SHAPES[k]
            pi, pj = i - a, j - b
            step = (D[i][j - lo[i]] + shift[i]) - (D[pi][pj - lo[pi]] + shift[pi])
            path.append((pi, i, pj, j, step))
            if (lo[i] > 0 and j - lo[i] < EDGE_MARGIN) or (hi[i] < m and hi[i] - j < EDGE_MARGIN):
                touched.append(i)
            i, j = pi, pj
        path.reverse()
        return path, touched


def _offset(new, old, old_shift, new_bp, old_bp):
    """The constant c with new == old + old_shift + c cell by cell (same unreachable cells,
    same back-pointers), or None."""
    if len(new) != len(old) or new_bp != old_bp:
        return None
    c = None
    for x, y in zip(new, old):
        if x == INF or y == INF:
            if x != y:
                return None
            continue
        dx = x - y - old_shift
        if c is None:
            c = dx
        elif abs(dx - c) > 1e-9 * (1.0 + abs(c)):
            return None
    return 0.0 if c is None else c


def _streak(same, delta, d_i):
    """The run of rows equal to the old ones plus one constant, after a row off by d_i (None:
    not a constant): (rows in the run, the constant)."""
    if d_i is not None and (same == 0 or abs(d_i - delta) <= 1e-9 * (1 + abs(delta))):
        return same + 1, d_i if same == 0 else delta
    return (1, d_i) if d_i is not None else (0, None)


def search(src, tgt, keys, ratio, guide, width, shapes=SHAPES, progress=None):
    """Banded search. Where the best path runs along the band edge, the band is made wider
    there (rows around the touch points only, at most MAX_BAND) around that path, and the table
    is recomputed from the first widened row until it meets the old one again; until the path
    stays inside. A poor guide in one stretch of a long text costs time in that stretch only."""
    n, m = src.n, tgt.n
    widths = array("l", [width]) * (n + 1)
    limit = min(MAX_BAND, max(n, m))
    budget = Pass(progress, n + 1)
    lo, hi = band(guide, widths, n, m)
    grid = Grid(src, tgt, keys, ratio, shapes, lo, hi,
                progress.tick if progress is not None and progress.callback else None)
    grid.fill(0, n, budget.run(n + 1, MAX_WIDENINGS == 1))
    path, touched = grid.trace()
    for attempt in range(1, MAX_WIDENINGS):
        grow = [i for i in touched if widths[i] < limit]
        if not grow:
            break
        stretches = _widen(widths, grow, limit, n)
        new_lo, new_hi = band(guide_from_points([(p[1], p[3]) for p in path], n, m),
                              widths, n, m)
        run = budget.run(sum(n + 1 - a for a, _ in stretches), attempt == MAX_WIDENINGS - 1)
        done = 0
        for a, b in stretches:      # each stretch in turn: the table is exact after each
            grid.widen(new_lo, new_hi, a, b)
            if run is not None:
                run.base = done
            done += grid.fill(a, b, run)
        path, touched = grid.trace()
    budget.end()
    return path


def _widen(widths, rows, limit, n):
    """Make the band wider around each of `rows` (widths changed in place, at most `limit`);
    return the stretches of rows widened, [first, last], merged where they overlap."""
    old = array("l", widths)
    stretches = []
    for i in sorted(set(rows)):
        wider = min(limit, int(old[i] * 1.5) + 1)
        reach = max(WIDEN_REACH, 2 * wider)
        a, b = max(0, i - reach), min(n, i + reach)
        for r in range(a, b + 1):
            if widths[r] < wider:
                widths[r] = wider
        if stretches and a <= stretches[-1][1] + 1:
            stretches[-1][1] = max(b, stretches[-1][1])
        else:
            stretches.append([a, b])
    return stretches
