"""Sentence aligner: n:m beads between a reference and its translation.

The alignment is a monotone sequence of beads (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 2-3, 3-2, 1-4, 4-1,
1-0, 0-1) found by dynamic programming, in stages, one module each:

* `lexicon`: the evidence of a sentence: tokens that survive translation (numbers in any locale
  format, URLs, e-mail addresses, @handles, #hashtags, quotes, question and exclamation marks),
  names and cognates (accent-free four-letter prefixes, so "Tokayev" ~ "Tokaïev"), and, for a
  second pass, a bilingual lexicon induced from the 1-1 beads of the first pass (Dice scores of
  co-occurring words, as hunalign does) plus the caller's lexicon (glossary, corrections);
* `guide`: anchor pairs of rare shared tokens chained into a guide path, and the band of cells
  searched around it;
* `costs`: the cost of a bead: a Gale & Church length term (the expected ratio between the two
  languages estimated on the document itself), a prior per bead shape, the Dice overlap of the
  evidence keys of its two sides, and soft paragraph evidence when paragraphs are given;
* `search`: the banded dynamic programme, widened where the best path touches the band's edge,
  so that time and memory grow about linearly with the length of the document;
* `block`: one block aligned in two passes (the second with the induced lexicon);
* `repair`: beads pinned by a translator are hard constraints: the gaps between them are
  aligned independently.

`model` holds the beads, their shapes and priors; `progress` the progress reported to the caller.
"""
from __future__ import annotations

from typing import Callable, Iterable, Mapping, Sequence

from app.core.align.model import LEXICON_ROUNDS, PASSES, AlignmentError, Bead
from app.core.align.progress import Progress
from app.core.align.repair import align_pinned

__all__ = ["Bead", "align", "AlignmentError"]


def align(src: Sequence[str], tgt: Sequence[str], *,
          src_paragraphs: Sequence[int] | None = None,
          tgt_paragraphs: Sequence[int] | None = None,
          pinned: Sequence[Bead] = (),
          lexicon: Mapping[str, str | Iterable[str]] | None = None,
          progress: Callable[[int, int], object] | None = None) -> list[Bead]:
    """Align two lists of sentences; return beads covering every sentence once, in order.

    `lexicon` (optional) maps source words to target words (a glossary, corrections already
    made, a dictionary); its single-word entries join the lexicon induced from the text.

    `src_paragraphs[i]` / `tgt_paragraphs[j]` give the paragraph of each sentence (optional,
    soft evidence). `pinned` beads are kept as they are (confidence 1.0) and the gaps between
    them are aligned. The method is language independent: it takes no language codes.

    `progress(done, total)` (optional) is called with two ints, 0 <= done <= total, total >= 1:
    first as progress(0, total), then regularly while the work goes on (at least every ~1% of
    it, often with `done` unchanged, so that the callback is also a cancellation point), last
    as progress(total, total) just before the beads are returned. `total` stays the same for
    the whole call and `done` never decreases. The unit is a step of work: one per sentence
    read (both sides), one per row of the dynamic programme in each of its two passes (a source
    sentence boundary), and n + 1 for the lexicon induced between the passes, so total =
    len(src) + len(tgt) + 3 * (len(src) + 1 + len(pinned)) (a bound: with pinned beads the
    steps of the gaps between them are fewer, and `done` jumps to `total` at the end). Where a
    pass has to search some rows again with a wider band, it moves through what is left of its
    share. If the callback raises, alignment stops at that call and the exception propagates
    to the caller unchanged (this is how a background import is cancelled).
    """
    n, m = len(src), len(tgt)
    for name, paras, size in (("src_paragraphs", src_paragraphs, n),
                              ("tgt_paragraphs", tgt_paragraphs, m)):
        if paras is not None and len(paras) != size:
            raise ValueError(f"{name} has {len(paras)} entries for {size} sentences")
    # an upper bound of the steps of the blocks between pinned beads; the rest is skipped at
    # the end
    tracker = Progress(progress, n + m + (PASSES + LEXICON_ROUNDS) * (n + 1 + len(pinned)))
    beads = align_pinned(src, tgt, src_paragraphs, tgt_paragraphs, pinned, lexicon, tracker)
    tracker.finish()
    return beads
