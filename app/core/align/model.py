"""What the aligner produces (beads), the bead shapes it may use and their priors, and how many
passes it makes over a block."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bead:
    """One alignment unit: contiguous 0-based sentence indices on each side, and a confidence."""
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float


class AlignmentError(ValueError):
    """Raised for pinned beads that cannot all hold (overlapping, not monotone, out of range)."""


# Bead shapes (source sentences, target sentences) and the cost of each shape (-log prior).
SHAPES = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1), (2, 2), (1, 3), (3, 1),
          (2, 3), (3, 2), (1, 4), (4, 1))
PRIOR = {(1, 1): 0.0, (1, 2): 2.3, (2, 1): 2.3, (1, 0): 4.6, (0, 1): 4.6,
         (2, 2): 4.0, (1, 3): 4.6, (3, 1): 4.6, (2, 3): 5.5, (3, 2): 5.5, (1, 4): 5.5, (4, 1): 5.5}
FIRST_PASS_SHAPES = SHAPES[:5]    # the rarer shapes wait for the second pass
ZERO_ONE = SHAPES.index((0, 1))

LEXICON_ROUNDS = 1       # passes with a lexicon induced from the pass before
PASSES = 1 + LEXICON_ROUNDS   # banded searches per block (the first, then one per lexicon round)

INF = float("inf")
