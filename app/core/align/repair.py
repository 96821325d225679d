"""Pinned beads (a translator's repairs) as hard constraints: checked, the gaps between them
aligned independently, and pinned 1-0 / 0-1 beads put back in place after aligning without
their sentences."""
from __future__ import annotations

from app.core.align.block import align_block
from app.core.align.lexicon import seed_lexicon
from app.core.align.model import AlignmentError, Bead


def align_pinned(src, tgt, src_paragraphs, tgt_paragraphs, pinned, lexicon, progress):
    """Beads of src / tgt around the `pinned` ones, which are kept (confidence 1.0)."""
    n, m = len(src), len(tgt)
    lonely = [p for p in pinned if bool(p.src) != bool(p.tgt)]
    if lonely:
        return _align_around_lonely(src, tgt, src_paragraphs, tgt_paragraphs, pinned, lonely,
                                    lexicon, progress)
    seed = seed_lexicon(lexicon)
    pins = sorted((p for p in pinned if p.src or p.tgt),
                  key=lambda p: (p.src[0] if p.src else -1, p.tgt[0] if p.tgt else -1))
    beads: list[Bead] = []
    si = ti = 0
    for p in pins:
        _check_pin(p, n, m)
        s0 = p.src[0] if p.src else si
        t0 = p.tgt[0] if p.tgt else ti
        if s0 < si or t0 < ti:
            raise AlignmentError(f"pinned bead {p} overlaps or crosses another pinned bead")
        beads += align_block(src[si:s0], tgt[ti:t0], _cut(src_paragraphs, si, s0),
                             _cut(tgt_paragraphs, ti, t0), si, ti, seed, progress)
        beads.append(Bead(tuple(p.src), tuple(p.tgt), 1.0))
        si, ti = s0 + len(p.src), t0 + len(p.tgt)
    beads += align_block(src[si:], tgt[ti:], _cut(src_paragraphs, si, n),
                         _cut(tgt_paragraphs, ti, m), si, ti, seed, progress)
    return beads


def _check_pin(p, n, m):
    """A pinned bead's indices are contiguous and inside the texts (n, m sentences)."""
    for side, idx, size in (("source", p.src, n), ("target", p.tgt, m)):
        if idx and list(idx) != list(range(idx[0], idx[0] + len(idx))):
            raise AlignmentError(f"pinned bead {p}: {side} indices are not contiguous")
        if idx and (idx[0] < 0 or idx[-1] >= size):
            raise AlignmentError(f"pinned bead {p}: {side} index out of range")


def _cut(paragraphs, first, end):
    return None if paragraphs is None else paragraphs[first:end]


def _align_around_lonely(src, tgt, src_paragraphs, tgt_paragraphs, pinned, lonely, lexicon,
                         progress):
    """Pinned 1-0 / 0-1 beads: align without their sentences, then put them back in place."""
    drop_s, keep_s = _without([i for p in lonely for i in p.src], len(src))
    drop_t, keep_t = _without([j for p in lonely for j in p.tgt], len(tgt))
    rest = _renumbered_pins(pinned, lonely, drop_s, drop_t, keep_s, keep_t)
    sub = align_pinned([src[i] for i in keep_s], [tgt[j] for j in keep_t],
                       None if src_paragraphs is None else [src_paragraphs[i] for i in keep_s],
                       None if tgt_paragraphs is None else [tgt_paragraphs[j] for j in keep_t],
                       rest, lexicon, progress)
    out = _original_numbering(sub, keep_s, keep_t)
    out += [Bead(tuple(p.src), tuple(p.tgt), 1.0) for p in lonely]
    return _in_order(out)


def _without(dropped, size):
    """(the set of `dropped` indices, the other indices of 0..size-1 in order)."""
    drop = set(dropped)
    if any(x < 0 or x >= size for x in drop):
        raise AlignmentError("pinned bead index out of range")
    return drop, [x for x in range(size) if x not in drop]


def _renumbered_pins(pinned, lonely, drop_s, drop_t, keep_s, keep_t):
    """The other pinned beads, numbered in the texts without the lonely pinned sentences."""
    new_s = {old: new for new, old in enumerate(keep_s)}
    new_t = {old: new for new, old in enumerate(keep_t)}
    rest = []
    for p in pinned:
        if p in lonely or not (p.src or p.tgt):
            continue
        if any(i in drop_s for i in p.src) or any(j in drop_t for j in p.tgt):
            raise AlignmentError(f"pinned bead {p} overlaps another pinned bead")
        rest.append(Bead(tuple(new_s[i] for i in p.src), tuple(new_t[j] for j in p.tgt), p.score))
    return rest


def _original_numbering(sub, keep_s, keep_t):
    """Beads `sub` of the kept sentences in the original numbering, split where a pinned
    sentence falls inside one (the pieces after the first get confidence 0)."""
    out = []
    for b in sub:
        pieces_s = _runs([keep_s[i] for i in b.src])
        pieces_t = _runs([keep_t[j] for j in b.tgt])
        for k in range(max(len(pieces_s), len(pieces_t), 1)):
            ps = tuple(pieces_s[k]) if k < len(pieces_s) else ()
            pt = tuple(pieces_t[k]) if k < len(pieces_t) else ()
            out.append(Bead(ps, pt, b.score if k == 0 else 0.0))
    return out


def _in_order(beads):
    """Beads ordered by position: a bead's place is its first source index, or for 0-1 beads
    the source position reached by the beads before its target."""
    beads.sort(key=lambda b: (b.tgt[0] if b.tgt else -1, b.src[0] if b.src else -1))
    ordered, src_reached = [], 0
    by_tgt = [b for b in beads if b.tgt]
    src_only = sorted((b for b in beads if not b.tgt), key=lambda b: b.src[0])
    k = 0
    for b in by_tgt:
        limit = src_reached if not b.src else b.src[0]
        while k < len(src_only) and src_only[k].src[0] < limit:
            ordered.append(src_only[k])
            k += 1
        ordered.append(b)
        if b.src:
            src_reached = b.src[-1] + 1
    ordered.extend(src_only[k:])
    return ordered


def _runs(indices):
    """Split a sorted index list into runs of consecutive numbers."""
    runs = []
    for x in indices:
        if runs and runs[-1][-1] == x - 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    return runs
