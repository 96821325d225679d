"""One block of sentences (the text between two pinned beads) aligned in two passes: a first
banded search around the anchor guide with the common bead shapes, then, with a lexicon induced
from its 1-1 beads, a second one around its path with every shape."""
from __future__ import annotations

import math

from app.core.align.costs import Doc, Keys
from app.core.align.guide import anchor_guide, guide_from_points
from app.core.align.lexicon import induce_lexicon, lexical_keys, merge_lexicons
from app.core.align.model import FIRST_PASS_SHAPES, LEXICON_ROUNDS, Bead
from app.core.align.progress import block_steps
from app.core.align.search import MIN_BAND, REFINE_BAND, search


def _confidence(cost, a, b):
    """Map a bead cost to [0, 1]: low cost, high confidence; 1-0 and 0-1 beads stay low."""
    if not a or not b:
        return round(1.0 / (1.0 + math.exp(cost - 3.0)) * 0.5, 4)
    return round(1.0 / (1.0 + math.exp(cost - 1.0)), 4)


def align_block(src_s, tgt_s, src_p, tgt_p, src_off, tgt_off, seed=None, progress=None):
    """Beads of the sentences src_s / tgt_s (paragraphs src_p / tgt_p or None), numbered from
    src_off / tgt_off; `seed` is the caller's lexicon, `progress` a progress.Progress."""
    n, m = len(src_s), len(tgt_s)
    if n == 0 or m == 0:
        if progress is not None:
            progress.tick(progress.done + block_steps(n, m))
        return ([Bead((src_off + i,), (), 0.0) for i in range(n)]
                + [Bead((), (tgt_off + j,), 0.0) for j in range(m)])
    src, tgt = Doc(src_s, src_p, progress), Doc(tgt_s, tgt_p, progress)
    ratio = (tgt.prefix[-1] / src.prefix[-1]) if src.prefix[-1] and tgt.prefix[-1] else 1.0
    tick = progress.tick if progress is not None else (lambda: None)
    chain = anchor_guide(src.keys, tgt.keys, n, m)
    tick()                          # between the stages too, for a prompt cancellation
    guide = guide_from_points(chain, n, m)
    keys = Keys(*(lexical_keys(src, tgt, seed) if seed else (src.keys, tgt.keys)))
    tick()
    path = search(src, tgt, keys, ratio, guide, MIN_BAND, FIRST_PASS_SHAPES, progress)
    for _ in range(LEXICON_ROUNDS):
        lexicon = merge_lexicons(induce_lexicon(src, tgt, path, progress=progress),
                                 seed or {})
        tick()
        keys = Keys(*(lexical_keys(src, tgt, lexicon) if lexicon else (src.keys, tgt.keys)))
        tick()
        guide = guide_from_points([(i1, j1) for _, i1, _, j1, _ in path], n, m)
        path = search(src, tgt, keys, ratio, guide, REFINE_BAND, progress=progress)
    return [Bead(tuple(range(src_off + i0, src_off + i1)), tuple(range(tgt_off + j0, tgt_off + j1)),
                 _confidence(cost, i1 - i0, j1 - j0))
            for i0, i1, j0, j1, cost in path]
