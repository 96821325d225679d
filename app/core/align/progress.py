"""Progress of an alignment, reported to the caller's `progress(done, total)` callback."""
from __future__ import annotations

from app.core.align.model import LEXICON_ROUNDS, PASSES

FIRST_RUN_SHARE = 0.9    # share of a pass's progress budget for its first run of the DP; the
RERUN_SHARE = 0.6        # runs on widened stretches each take this share of what is left


def block_steps(n, m):
    """Progress steps of aligning a block of n source and m target sentences: one per sentence
    read (features), one per row of the dynamic programme in each pass (source boundaries
    0..n), n + 1 for each lexicon induction."""
    return n + m + (PASSES + LEXICON_ROUNDS) * (n + 1)


class Progress:
    """Work done so far, reported to the caller's `progress(done, total)` callback.

    The unit is a step of block_steps. `total` is fixed at the start. A pass whose band has to
    be widened runs the DP again on some rows: its first run gets FIRST_RUN_SHARE of the pass's
    budget, each later run RERUN_SHARE of what is left (the last one all of it), and the end of
    the pass moves to the end of its budget, so `done` never goes backwards nor passes
    `total`."""

    def __init__(self, callback, total):
        self.callback = callback
        self.total = max(1, int(total))
        self.done = 0
        if callback is not None:
            callback(0, self.total)

    def tick(self, done=None):
        """Move to `done` (ignored if behind) and tell the callback (which may raise)."""
        if done is not None and done > self.done:
            self.done = min(int(done), self.total)
        if self.callback is not None:
            self.callback(self.done, self.total)

    def finish(self):
        self.done = self.total
        if self.callback is not None:
            self.callback(self.total, self.total)

    def over(self, items, steps):
        """Iterate over `items`, moving `steps` steps forward in all, told about every 1%."""
        if self.callback is None:
            yield from items
            self.done = min(self.total, self.done + steps)
            return
        start, count = self.done, len(items)
        every = max(1, count // 128)
        for k, item in enumerate(items):
            if k % every == 0:
                self.tick(start + k * steps / max(1, count))
            yield item
        self.tick(start + steps)


class Run:
    """Progress of one run of the DP: rows 0..rows mapped onto [start, start + span). A run may
    be made of several calls of the DP (stretches searched again): `base` is the rows done by
    the calls before."""
    __slots__ = ("progress", "start", "scale", "every", "base")

    def __init__(self, progress, start, span, rows):
        self.progress = progress
        self.start = start
        self.base = 0
        self.scale = span / max(1, rows)
        # the callback sees a run at least every 1/128 of its rows (about 1% of the work)
        self.every = max(1, rows // 128)

    def tick(self, row):
        self.progress.tick(self.start + (self.base + row) * self.scale)


class Pass:
    """Progress budget of one banded search (a pass over one block, band widenings included)."""

    def __init__(self, progress, rows):
        self.progress = progress
        self.start = progress.done if progress else 0
        self.budget = rows
        self.used = 0.0

    def run(self, rows, last):
        if self.progress is None or self.progress.callback is None:
            return None
        left = self.budget - self.used
        span = left if last else left * (FIRST_RUN_SHARE if not self.used else RERUN_SHARE)
        run = Run(self.progress, self.start + self.used, span, rows)
        self.used += span
        return run

    def end(self):
        if self.progress is not None:
            self.progress.tick(self.start + self.budget)
