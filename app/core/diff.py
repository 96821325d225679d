"""Word-level diffs and post-editing effort, pure Python (stdlib only).

Tokens
    A text is cut into tokens that cover it exactly: words (letters and digits
    with inner hyphens or apostrophes, "week-end", "aujourd’hui"; French elided
    articles come apart, "l’" + "OTSC"), single punctuation marks or symbols,
    and whitespace runs. A whitespace run is made of one kind of character only,
    so a no-break space (U+00A0), a narrow no-break space (U+202F), a tab or a
    line break is a token of its own and a change of kind shows in the diff.

Diff (``diff_words``)
    Common prefix and suffix are stripped, then the tokens that occur exactly
    once on each side anchor the alignment (patience diff: longest increasing
    run of those anchors), and the gaps between anchors are aligned with
    ``difflib.SequenceMatcher(autojunk=False)`` when they are small enough. A gap
    larger than ``_GAP_CELLS`` with no unique anchor shows as one delete plus
    one insert (correct, only less fine-grained), which keeps the work bounded on
    long texts. The result is then made readable: all deletes and inserts
    between two equal runs are gathered into one delete followed by one insert,
    and an equal run made of whitespace only, sitting between two changes, is
    folded into the change ("the big dog" -> "un gros chien" is one delete and
    one insert, not three pairs).

Effort (``edit_distance``, ``hter``)
    Word-level Levenshtein distance (insert, delete, substitute one token) over
    the tokens that are not whitespace (words and punctuation marks count; a
    change of whitespace kind costs nothing). ``hter`` divides it by the number
    of such tokens in the final text. This is TER without block shifts (a moved
    phrase costs its deletion plus its insertion), so it is an upper bound of
    TER on the same tokens.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterable

from app.core.messages import N_

__all__ = [
    "Op",
    "tokenize_for_diff",
    "diff_words",
    "whitespace_label",
    "split_for_display",
    "edit_distance",
    "hter",
]


@dataclass(frozen=True)
class Op:
    """One piece of a diff: ``kind`` is "equal", "insert" or "delete"."""

    kind: str
    text: str


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------


def _marks_class() -> str:
    """Character-class body of the combining marks of the BMP (``re`` has no \\p{M})."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x0300, 0x10000):
        if unicodedata.category(chr(cp)).startswith("M"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


_MARKS = _marks_class()
_ALNUM = rf"(?:[^\W_]|[{_MARKS}])"
_TOKEN = re.compile(
    rf"""
      (\s)\1*                                            # a run of ONE whitespace kind
    | [^\W_]{_ALNUM}*(?:[-\u2010\u2011'\u2019]{_ALNUM}+)*  # a word, inner hyphens/apostrophes
    | .                                                  # anything else, one character
    """,
    re.X | re.S,
)
# French elided words: "l’avion" -> "l’" + "avion" (but "aujourd’hui" stays whole).
_ELISION = re.compile(
    r"(?i)(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['\u2019](?=[^\W\d_])"
)


def tokenize_for_diff(text: str) -> list[str]:
    """The diff tokens of ``text``; ``"".join(tokens) == text`` always."""
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if len(tok) > 2 and ("'" in tok or "\u2019" in tok):
            pos = 0
            e = _ELISION.match(tok, pos)
            while e:
                out.append(tok[pos:e.end()])
                pos = e.end()
                e = _ELISION.match(tok, pos)
            tok = tok[pos:]
        out.append(tok)
    return out


def _is_space(tok: str) -> bool:
    return tok[:1].isspace()


# ---------------------------------------------------------------------------
# Alignment
# ---------------------------------------------------------------------------

# Largest gap (len(a) * len(b) tokens) handed to SequenceMatcher, whose cost grows
# with the product on repetitive input. Above it, unique anchors must split the gap.
_GAP_CELLS = 400_000


def _lis_pairs(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of ``pairs`` (sorted by first item) increasing in the second."""
    tails: list[int] = []  # b-values
    tails_idx: list[int] = []  # index into pairs of each tail
    prev = [-1] * len(pairs)
    for k, (_, bj) in enumerate(pairs):
        pos = bisect.bisect_left(tails, bj)
        if pos == len(tails):
            tails.append(bj)
            tails_idx.append(k)
        else:
            tails[pos] = bj
            tails_idx[pos] = k
        prev[k] = tails_idx[pos - 1] if pos else -1
    out = []
    k = tails_idx[-1] if tails_idx else -1
    while k >= 0:
        out.append(pairs[k])
        k = prev[k]
    out.reverse()
    return out


def _align(a: list[int], alo: int, ahi: int, b: list[int], blo: int, bhi: int,
           out: list[tuple[str, int, int, int, int]], spaces: frozenset[int]) -> None:
    """Append (tag, i1, i2, j1, j2) opcodes aligning a[alo:ahi] with b[blo:bhi]."""
    # Common prefix and suffix.
    p = 0
    while alo + p < ahi and blo + p < bhi and a[alo + p] == b[blo + p]:
        p += 1
    if p:
        out.append(("equal", alo, alo + p, blo, blo + p))
        alo += p
        blo += p
    s = 0
    while ahi - s > alo and bhi - s > blo and a[ahi - 1 - s] == b[bhi - 1 - s]:
        s += 1
    tail = ("equal", ahi - s, ahi, bhi - s, bhi) if s else None
    ahi -= s
    bhi -= s

    if alo == ahi or blo == bhi:
        if alo < ahi:
            out.append(("delete", alo, ahi, blo, blo))
        elif blo < bhi:
            out.append(("insert", alo, alo, blo, bhi))
    elif (ahi - alo) * (bhi - blo) <= _GAP_CELLS:
        # Whitespace never starts a match (a lone space would otherwise win the
        # tie for the longest match and split words apart); matches still grow
        # over equal whitespace at their ends.
        sm = SequenceMatcher(spaces.__contains__, a[alo:ahi], b[blo:bhi], autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            out.append((tag, alo + i1, alo + i2, blo + j1, blo + j2))
    else:
        anchors = _unique_anchors(a, alo, ahi, b, blo, bhi)
        if not anchors:
            out.append(("replace", alo, ahi, blo, bhi))
        else:
            i, j = alo, blo
            for ai, bj in anchors:
                _align(a, i, ai, b, j, bj, out, spaces)
                out.append(("equal", ai, ai + 1, bj, bj + 1))
                i, j = ai + 1, bj + 1
            _align(a, i, ahi, b, j, bhi, out, spaces)
    if tail:
        out.append(tail)


def _unique_anchors(a, alo, ahi, b, blo, bhi) -> list[tuple[int, int]]:
    """Positions of the tokens found exactly once in each range, in a longest
    order-consistent chain (the patience-diff anchors)."""
    count_a: dict[int, int] = {}
    pos_a: dict[int, int] = {}
    for i in range(alo, ahi):
        t = a[i]
        count_a[t] = count_a.get(t, 0) + 1
        pos_a[t] = i
    count_b: dict[int, int] = {}
    pos_b: dict[int, int] = {}
    for j in range(blo, bhi):
        t = b[j]
        if count_a.get(t) == 1:
            count_b[t] = count_b.get(t, 0) + 1
            pos_b[t] = j
    pairs = sorted((pos_a[t], pos_b[t]) for t, c in count_b.items() if c == 1)
    return _lis_pairs(pairs)


# ---------------------------------------------------------------------------
# Diff
# ---------------------------------------------------------------------------


def diff_words(old: str, new: str) -> list[Op]:
    """Word-level diff of ``old`` into ``new``.

    Joining the texts of the "equal" and "delete" ops gives ``old``; joining the
    "equal" and "insert" ops gives ``new``. No two neighbouring ops have the
    same kind, and between two equal ops a delete always comes before an insert.
    """
    ta = tokenize_for_diff(old)
    tb = tokenize_for_diff(new)
    ids: dict[str, int] = {}
    a = [ids.setdefault(t, len(ids)) for t in ta]
    b = [ids.setdefault(t, len(ids)) for t in tb]
    opcodes: list[tuple[str, int, int, int, int]] = []
    spaces = frozenset(i for t, i in ids.items() if _is_space(t))
    _align(a, 0, len(a), b, 0, len(b), opcodes, spaces)

    # Runs: ("equal", tokens) or ("change", deleted tokens, inserted tokens).
    runs: list[list] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            if i1 == i2:
                continue
            if runs and runs[-1][0] == "equal":
                runs[-1][1].extend(ta[i1:i2])
            else:
                runs.append(["equal", ta[i1:i2]])
        else:
            if not runs or runs[-1][0] != "change":
                runs.append(["change", [], []])
            runs[-1][1].extend(ta[i1:i2])
            runs[-1][2].extend(tb[j1:j2])

    _slide_edits(runs)

    # Fold whitespace-only equal runs that sit between two changes.
    folded: list[list] = []
    k = 0
    while k < len(runs):
        run = runs[k]
        if (run[0] == "equal" and folded and folded[-1][0] == "change"
                and k + 1 < len(runs) and all(_is_space(t) for t in run[1])):
            nxt = runs[k + 1]
            folded[-1][1].extend(run[1] + nxt[1])
            folded[-1][2].extend(run[1] + nxt[2])
            k += 2
            continue
        folded.append(run)
        k += 1

    ops: list[Op] = []
    for run in folded:
        if run[0] == "equal":
            ops.append(Op("equal", "".join(run[1])))
        else:
            if run[1]:
                ops.append(Op("delete", "".join(run[1])))
            if run[2]:
                ops.append(Op("insert", "".join(run[2])))
    return ops


def _edge_score(edit: list[str]) -> int:
    """How well a pure insertion or deletion reads: it should start with a word
    or a mark rather than a space ("deux " rather than " deux")."""
    return 2 * (not _is_space(edit[0])) + _is_space(edit[-1])


def _slide_edits(runs: list[list]) -> None:
    """Shift each pure insertion or deletion that sits between two equal runs to
    the equivalent position that reads best (like diff-match-patch's semantic
    lossless cleanup, at token level). Both texts are unchanged by a shift:
    tokens move from one equal run to the other through the edit. Each equal run
    keeps at least one token, and a shift goes at most ``_MAX_SLIDE`` tokens."""
    for k in range(1, len(runs) - 1):
        run = runs[k]
        if run[0] != "change" or (run[1] and run[2]):
            continue
        side = 1 if run[1] else 2
        left, right = runs[k - 1][1], runs[k + 1][1]
        edit = run[side]
        steps = 0
        while steps < _MAX_SLIDE and len(left) > 1 and left[-1] == edit[-1]:
            tok = left.pop()
            edit = [tok] + edit[:-1]
            right.insert(0, tok)
            steps += 1
        # Now at the leftmost position: score every position to the right.
        best, best_pos = _edge_score(edit), 0
        cur = edit
        for pos in range(1, min(_MAX_SLIDE, len(right) - 1) + 1):
            if right[pos - 1] != cur[0]:
                break
            cur = cur[1:] + [right[pos - 1]]
            score = _edge_score(cur)
            if score > best:
                best, best_pos = score, pos
        for _ in range(best_pos):
            tok = right.pop(0)
            left.append(edit[0])
            edit = edit[1:] + [tok]
        run[side] = edit


_MAX_SLIDE = 32


# ---------------------------------------------------------------------------
# Display helpers
# ---------------------------------------------------------------------------

# The names are shown where a diff marks the character (translated there: N_ marks them).
_WS_NAMES = {
    "\u00a0": N_("no-break space"),
    "\u202f": N_("narrow no-break space"),
    "\u2007": N_("figure space"),
    "\u2009": N_("thin space"),
    "\u200a": N_("hair space"),
    "\u2002": N_("en space"),
    "\u2003": N_("em space"),
    "\u3000": N_("ideographic space"),
    "\t": N_("tab"),
    "\n": N_("line break"),
    "\r": N_("carriage return"),
    "\u2028": N_("line separator"),
    "\u2029": N_("paragraph separator"),
    "\x0b": N_("vertical tab"),
    "\x0c": N_("form feed"),
    "\x85": N_("next line"),
}


def whitespace_label(ch: str) -> str | None:
    """Human name of a whitespace character that is not a plain space, else None.

    A plain space gets None: it needs no marking. Other whitespace without a
    name of its own is named after its Unicode name in lower case.
    """
    if len(ch) != 1 or ch == " " or not ch.isspace():
        return None
    name = _WS_NAMES.get(ch)
    if name is None:
        name = unicodedata.name(ch, f"U+{ord(ch):04X}").lower()
    return name


_WS_RUN = re.compile(r"(\s)\1*")


def split_for_display(op_text: str) -> list[tuple[str, str | None]]:
    """Cut an op's text into (text, label) pieces: runs of one special whitespace
    kind get its label (see ``whitespace_label``), everything else None.

    Joining the texts of the pieces gives ``op_text`` back; neighbouring pieces
    never share a label (two pieces with None are always merged).
    """
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for m in _WS_RUN.finditer(op_text):
        label = whitespace_label(m.group(1))
        if label is None:
            continue
        if m.start() > pos:
            pieces.append((op_text[pos:m.start()], None))
        pieces.append((m.group(), label))
        pos = m.end()
    if pos < len(op_text):
        pieces.append((op_text[pos:], None))
    return pieces


# ---------------------------------------------------------------------------
# Effort
# ---------------------------------------------------------------------------


def _effort_tokens(text: str) -> list[str]:
    return [t for t in tokenize_for_diff(text) if not _is_space(t)]


def _levenshtein(a: list[int], b: list[int]) -> int:
    """Levenshtein distance of two sequences, bit-parallel (Myers 1999, Hyyrö's
    formulation for global distance) on Python integers: O(len(a) * len(b) / w)."""
    # Common prefix/suffix never change the distance.
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    a, b = a[p:], b[p:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if not a:
        return len(b)
    if not b:
        return len(a)
    m = len(a)
    peq: dict[int, int] = {}
    for i, t in enumerate(a):
        peq[t] = peq.get(t, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for t in b:
        eq = peq.get(t, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score


def _ids(*seqs: Iterable[str]) -> list[list[int]]:
    table: dict[str, int] = {}
    return [[table.setdefault(t, len(table)) for t in s] for s in seqs]


def edit_distance(old: str, new: str) -> int:
    """Word-level Levenshtein distance between two texts.

    Tokens are words and punctuation marks (see ``tokenize_for_diff``);
    whitespace is ignored, so a space turned into a no-break space costs 0.
    Each insertion, deletion or substitution of one token costs 1.
    """
    a, b = _ids(_effort_tokens(old), _effort_tokens(new))
    return _levenshtein(a, b)


def word_count(text: str) -> int:
    """Tokens that count for effort: words and punctuation marks, whitespace ignored."""
    return len(_effort_tokens(text))


def hter(mt: str, final: str) -> float:
    """Post-editing effort: ``edit_distance(mt, final)`` / tokens in ``final``.

    Tokens are words and punctuation marks, whitespace ignored. 0.0 means the
    MT was kept as is; values above 1.0 are possible (the MT was longer than the
    final text). This is TER without block shifts. When ``final`` has no token:
    0.0 if ``mt`` has none either, else 1.0 (everything was deleted; the ratio
    itself would be infinite).
    """
    a, b = _ids(_effort_tokens(mt), _effort_tokens(final))
    if not b:
        return 0.0 if not a else 1.0
    return _levenshtein(a, b) / len(b)
