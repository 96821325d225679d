"""Sentence aligner: n:m beads between a reference and its translation.

The alignment is a monotone sequence of beads (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 2-3, 3-2, 1-4, 4-1,
1-0, 0-1) found by dynamic programming. The cost of a bead adds up

* a length term in the style of Gale & Church (characters; the expected ratio between the two
  languages is estimated on the document itself),
* a prior per bead type (a sentence without counterpart costs its prior only: a long sentence
  left out of a translation is no less likely than a short one),
* lexical evidence: tokens that survive translation (numbers in any locale format, URLs,
  e-mail addresses, @handles, #hashtags, quotes, question and exclamation marks), names and
  cognates (accent-free four-letter prefixes, so "Tokayev" ~ "Tokaïev"), and, in a second pass,
  a bilingual lexicon induced from the 1-1 beads of the first pass (Dice scores of co-occurring
  words, as hunalign does) plus the caller's lexicon (glossary, corrections) if one is given;
  the evidence of a bead is the Dice overlap of the keys of its two sides,
* paragraph evidence when paragraph numbers are given (soft: a bead that straddles a paragraph
  break on one side only costs more, a cut at a paragraph end on both sides costs less).

The search runs in a band around a guide path (anchor pairs of rare shared tokens, then the
first-pass path), widened automatically when the best path touches its edge, so time and memory
grow about linearly with the length of the document. Beads pinned by a translator are hard
constraints: the gaps between them are aligned independently.
"""
from __future__ import annotations

import bisect
import math
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import accumulate, product
from operator import itemgetter
from typing import Callable, Iterable, Mapping, Sequence

__all__ = ["Bead", "align", "AlignmentError"]


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
VARIANCE = 8.0           # variance of target characters per source character (Gale & Church: 6.8)
LEX_WEIGHT = 16.0        # weight of the lexical similarity (0..1) of a bead
PARA_STRADDLE = 3.0      # a bead that crosses a paragraph break on one side only
PARA_CUT_BONUS = 1.5     # a cut where both sides end a paragraph
LONELY_PER_CHAR = 0.0    # cost per character of a sentence left without counterpart
COGNATE_PREFIX = 4       # words sharing their first 4 accent-free letters count as cognates
LEXICON_MIN_DICE = 0.3   # induced lexicon: least Dice score of a word pair
LEXICON_TOP = 2          # induced lexicon: translations kept per source word
LEXICON_ROUNDS = 1       # passes with a lexicon induced from the pass before
REFINE_BAND = 6          # half-width of the second-pass band, around the first-pass path
MIN_BAND = 8             # half-width of the first search band, in target sentences
MAX_BAND = 200           # the band stops growing here (texts that do not correspond at all)
MAX_WIDENINGS = 7
ANCHOR_REPEAT = 16       # a token found k <= 16 times on both sides gives k anchor pairs
ANCHOR_TOLERANCE = 30    # an anchor this far off the line through its neighbours is dropped
WIDEN_REACH = 20         # rows on each side of an edge touch that get the wider band
EDGE_MARGIN = 2          # a path this close to the band edge makes the band wider

INF = float("inf")
PASSES = 1 + LEXICON_ROUNDS   # banded searches per block (the first, then one per lexicon round)
FIRST_RUN_SHARE = 0.9    # share of a pass's progress budget for its first run of the DP; the
RERUN_SHARE = 0.6        # runs on widened stretches each take this share of what is left


# ---------------------------------------------------------------------------------------------
# Progress

def _block_steps(n, m):
    """Progress steps of aligning a block of n source and m target sentences: one per sentence
    read (features), one per row of the dynamic programme in each pass (source boundaries
    0..n), n + 1 for each lexicon induction."""
    return n + m + (PASSES + LEXICON_ROUNDS) * (n + 1)


class _Progress:
    """Work done so far, reported to the caller's `progress(done, total)` callback.

    The unit is a step of _block_steps. `total` is fixed at the start. A pass whose band has to
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


class _Run:
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


class _Pass:
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
        run = _Run(self.progress, self.start + self.used, span, rows)
        self.used += span
        return run

    def end(self):
        if self.progress is not None:
            self.progress.tick(self.start + self.budget)


# ---------------------------------------------------------------------------------------------
# Length cost

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


def _length_cost(ls, lt, ratio):
    """Gale-Church cost of ls source characters against lt target characters (the DP inlines
    the same computation)."""
    mean = ls + lt / ratio
    if mean <= 0:
        return 0.0
    x2 = (lt - ls * ratio) ** 2 / (mean * VARIANCE / 2.0)
    return _SQ_TABLE[int(x2 / _SQ_STEP)] if x2 < _SQ_MAX else _tail_cost(math.sqrt(x2))


# ---------------------------------------------------------------------------------------------
# Tokens that carry evidence across languages

_URL = r"(?:https?://|www\.)[^\s<>\"«»]+"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_HANDLE = r"(?<![\w@])@\w+"
_HASHTAG = r"(?<![\w#])#\w+"
_NUMBER = r"\d+(?:[ \u00a0\u202f.,'’]\d{3})*(?:[.,]\d+)?"
_WORD = r"[^\W\d_]+"
_SPECIAL_RE = re.compile(
    f"(?P<url>{_URL})|(?P<email>{_EMAIL})|(?P<handle>{_HANDLE})|(?P<tag>{_HASHTAG})"
    f"|(?P<num>{_NUMBER})|(?P<punct>[?!¿¡\"“”«»„]|``|'')")
_SPECIAL_HINT = re.compile("[\\d@#/?!¿¡\"“”«»„`]|''")
_WORD_RE = re.compile(_WORD)
_QUOTES = set("\"“”«»„") | {"``", "''"}
_INVERTED = {"¿": "?", "¡": "!"}
_LINKISH = re.compile(r"[@#]|://|www\.")     # where a URL, address, handle or tag may start
_NUMBER_RE = re.compile(_NUMBER)
_MARKS = frozenset("?!¿¡\"“”«»„")
_MARK_KEYS = {ch: "p:q" if ch in _QUOTES else "p:" + _INVERTED.get(ch, ch) for ch in _MARKS}


class _NotDigits(dict):
    """str.translate table deleting every character that is not a decimal digit."""

    def __missing__(self, code):
        value = None if not chr(code).isdigit() else code
        self[code] = value
        return value


_NOT_DIGITS = _NotDigits()


_fold_cache: dict[str, str] = {}


def fold(word):
    """Lowercase, accent-free form of a word ("Tokaïev" -> "tokaiev")."""
    folded = _fold_cache.get(word)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", word.lower())
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if len(_fold_cache) < 200_000:
            _fold_cache[word] = folded
    return folded


_word_cache: dict[str, tuple] = {}


def _word_info(raw):
    """(folded word, cognate key inside a sentence, cognate key as the sentence's first word)."""
    info = _word_cache.get(raw)
    if info is None:
        w = fold(raw)
        if len(w) >= COGNATE_PREFIX:
            key = "c:" + w[:COGNATE_PREFIX]
            info = (w, key, key)
        elif len(w) >= 2 and raw[0].isupper():     # short names and acronyms ("Zas", "UN")
            info = (w, "c:" + w, None)
        else:
            info = (w, None, None)
        if len(_word_cache) < 200_000:
            _word_cache[raw] = info
    return info


_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _features(sentence):
    """(anchor and cognate keys, folded words) of one sentence."""
    raws = _WORD_RE.findall(sentence)
    infos = list(map(_word_cache.get, raws))
    if None in infos:
        infos = [info or _word_info(raw) for info, raw in zip(infos, raws)]
    words = list(map(_FIRST, infos))
    keys = set(map(_SECOND, infos[1:]))
    if infos:                     # a short capitalised word opening a sentence is no name cue
        keys.add(infos[0][2])
    keys.discard(None)
    if not _SPECIAL_HINT.search(sentence):
        return keys, words
    if not _LINKISH.search(sentence):
        # no URL, e-mail, handle or hashtag: numbers and marks only (the same keys, faster)
        for m in _NUMBER_RE.finditer(sentence):
            keys.add("n:" + (m.group().translate(_NOT_DIGITS).lstrip("0") or "0"))
        marks = _MARKS.intersection(sentence)
        if marks:
            keys.update(_MARK_KEYS[ch] for ch in marks)
        if "``" in sentence or "''" in sentence:
            keys.add("p:q")
    else:
        for m in _SPECIAL_RE.finditer(sentence):
            kind, text = m.lastgroup, m.group()
            if kind == "num":
                keys.add("n:" + (text.translate(_NOT_DIGITS).lstrip("0") or "0"))
            elif kind == "punct":
                keys.add("p:q" if text in _QUOTES else "p:" + _INVERTED.get(text, text))
            else:  # url, email, handle, hashtag
                keys.add("a:" + text.lower().rstrip(".,;:)"))
    return keys, words


# ---------------------------------------------------------------------------------------------
# Bands and guide paths

def _anchor_guide(src_keys, tgt_keys, n, m):
    """Monotone chain of (i, j) sentence pairs that share a token.

    A token found once on each side gives one pair; a token found the same number of times on
    both sides (at most ANCHOR_REPEAT) pairs its occurrences in order, so a text whose words
    all recur (a long book, repeated passages) still has anchors. The longest chain that is
    monotone in both coordinates keeps the consistent pairs."""
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
    pairs = sorted(pairs)
    # longest chain increasing in both coordinates (patience sorting on j)
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
    return _drop_outliers(chain)


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


def _guide_from_points(points, n, m):
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


def _band(guide, widths, n, m):
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


# ---------------------------------------------------------------------------------------------
# The dynamic programme

class _Doc:
    """Per-side features of one block of sentences."""

    def __init__(self, sentences, paragraphs, progress=None):
        self.n = n = len(sentences)
        self.lengths = [len(s) for s in sentences]
        self.prefix = [0]          # lists: read in the inner loop, faster than arrays there
        for ln in self.lengths:
            self.prefix.append(self.prefix[-1] + ln)
        feats = [_features(s) for s in (progress.over(sentences, n) if progress else sentences)]
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


class _Keys:
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


class _Grid:
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
        n = self.n
        src, tgt, keys, ratio = self.src, self.tgt, self.keys, self.ratio
        lo, hi, D, BP, shift, windows = self.lo, self.hi, self.D, self.BP, self.shift, self.windows
        used, amax = self.used, self.amax
        sp, tp = src.prefix, tgt.prefix
        skc, tkc = keys.src_count, keys.tgt_count
        spb, tpb = src.para_break, tgt.para_break
        paras = spb is not None and tpb is not None
        scount, tcount = src.para_count, tgt.para_count
        table, step, tail = _SQ_LIST, _SQ_STEP, _tail_cost
        table_end = _SQ_MAX / _SQ_STEP
        var_step = VARIANCE / 2.0 * _SQ_STEP
        lt_var = var_step / ratio
        lex = LEX_WEIGHT
        zero_one = PRIOR[(0, 1)]
        every = run.every if run is not None else n + 2
        same, delta = 0, None       # rows in a row matching the old table, and by how much
        for i in range(start, n + 1):
            if (i - start) % every == 0 and run is not None:
                run.tick(i - start)
            l_i, h_i = lo[i], hi[i]
            width = h_i - l_i + 1
            drow = array("d", [INF]) * width
            brow = array("b", [-1]) * width
            if i == 0:
                drow[0] = 0.0
            # every shape with a source side: loop over the target positions it can reach
            for k, a, b, prior in used:
                if a > i:
                    continue
                pi = i - a
                prow, plo = D[pi], lo[pi]
                prior += shift[pi]
                j_first = l_i if l_i > plo + b else plo + b
                j_last = h_i if h_i < hi[pi] + b else hi[pi] + b
                if j_first > j_last:
                    continue
                ls = sp[i] - sp[pi]
                if not b:
                    prior += LONELY_PER_CHAR * ls
                    for j in range(j_first, j_last + 1):
                        cost = prow[j - plo] + prior
                        if cost < drow[j - l_i]:
                            drow[j - l_i] = cost
                            brow[j - l_i] = k
                    continue
                lexw = [w for w in windows[pi:i] if w[1] is not None]
                nsum = skc[i] - skc[pi]
                straddle = paras and not (a == 1 and b == 1)
                s_straddle = straddle and a > 1 and scount[i - 1] > scount[pi]
                # the length term in table steps: d * d / (ls_var + lt * lt_var)
                lsr, ls_var = ls * ratio, ls * var_step
                # every term but the lexical one is >= 0: a bead that cannot beat the best
                # cost found so far for its cell even with a perfect lexical match is skipped
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
                    if lexw:
                        # the lexical term first: cheap, and with it the bound is exact
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
            cut = paras and spb[i]
            if cut:
                for j in range(l_i + 1 if i == 0 else l_i, h_i + 1):
                    if tpb[j]:
                        drow[j - l_i] -= PARA_CUT_BONUS
            # 0-1 beads move along the row, so they come last, in order
            for j in range(l_i + 1, h_i + 1):
                prev = drow[j - 1 - l_i]
                if prev == INF:
                    continue
                cost = prev + zero_one + LONELY_PER_CHAR * (tp[j] - tp[j - 1])
                if cut and tpb[j]:
                    cost -= PARA_CUT_BONUS
                if cost < drow[j - l_i]:
                    drow[j - l_i] = cost
                    brow[j - l_i] = _ZERO_ONE
            if i > changed_until and D[i] is not None:
                d_i = _offset(drow, D[i], shift[i], brow, BP[i])
                if d_i is not None and (same == 0 or abs(d_i - delta) <= 1e-9 * (1 + abs(delta))):
                    same, delta = same + 1, d_i if same == 0 else delta
                else:
                    same, delta = (1, d_i) if d_i is not None else (0, None)
                if same >= amax:
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


_ZERO_ONE = SHAPES.index((0, 1))


def _search(src, tgt, keys, ratio, guide, width, shapes=SHAPES, progress=None):
    """Banded search. Where the best path runs along the band edge, the band is made wider
    there (rows around the touch points only, at most MAX_BAND) around that path, and the table
    is recomputed from the first widened row until it meets the old one again; until the path
    stays inside. A poor guide in one stretch of a long text costs time in that stretch only."""
    n, m = src.n, tgt.n
    widths = array("l", [width]) * (n + 1)
    limit = min(MAX_BAND, max(n, m))
    budget = _Pass(progress, n + 1)
    lo, hi = _band(guide, widths, n, m)
    grid = _Grid(src, tgt, keys, ratio, shapes, lo, hi,
                 progress.tick if progress is not None and progress.callback else None)
    grid.fill(0, n, budget.run(n + 1, MAX_WIDENINGS == 1))
    path, touched = grid.trace()
    for attempt in range(1, MAX_WIDENINGS):
        grow = [i for i in touched if widths[i] < limit]
        if not grow:
            break
        old = array("l", widths)
        stretches = []          # rows widened around each touch, merged where they overlap
        for i in sorted(set(grow)):
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
        new_lo, new_hi = _band(_guide_from_points([(p[1], p[3]) for p in path], n, m),
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


# ---------------------------------------------------------------------------------------------
# Lexicon induction

def _induce_lexicon(src, tgt, path, max_pairs=400_000, progress=None):
    """{source word: set of target words} from the 1-1 beads of a first pass (Dice scores)."""
    cs, ct, cst = Counter(), Counter(), Counter()
    ones = [(i0, j0) for i0, i1, j0, j1, cost in path if i1 - i0 == 1 and j1 - j0 == 1]
    sfreq, tfreq = Counter(), Counter()
    for ws in src.words:
        sfreq.update(set(ws))
    for ws in tgt.words:
        tfreq.update(set(ws))
    if progress is not None:
        progress.tick()
    budget = max_pairs
    for i, j in (progress.over(ones, src.n + 1) if progress else ones):
        sw = {w for w in src.words[i] if sfreq[w] >= 2}
        tw = {w for w in tgt.words[j] if tfreq[w] >= 2}
        cs.update(sw)
        ct.update(tw)
        if len(sw) * len(tw) > budget:
            continue
        budget -= len(sw) * len(tw)
        cst.update(product(sw, tw))
    best = defaultdict(list)
    for (s, t), c in cst.items():
        if c < 2:
            continue
        dice = 2.0 * c / (cs[s] + ct[t])
        if dice >= LEXICON_MIN_DICE:
            best[s].append((dice, t))
    lexicon = {}
    for s, cands in best.items():
        cands.sort(reverse=True)
        lexicon[s] = {t for _, t in cands[:LEXICON_TOP]}
    return lexicon


def _lexical_keys(src, tgt, lexicon):
    """Keys of both sides extended with lexicon translations (tuples, as in _Doc)."""
    key = {}                                # one "l:word" string per target word
    trans = {w: frozenset(key.setdefault(t, "l:" + t) for t in ts) for w, ts in lexicon.items()}
    src_keys = []
    for keys, words in zip(src.keys, src.words):
        extended = set(keys)
        for w in words:
            extra = trans.get(w)
            if extra:
                extended |= extra
        src_keys.append(tuple(extended))
    tgt_keys = []
    for keys, words in zip(tgt.keys, tgt.words):
        tgt_keys.append(tuple(set(keys).union(key[w] for w in words if w in key)))
    return src_keys, tgt_keys


# ---------------------------------------------------------------------------------------------
# Public entry point

def _confidence(cost, a, b):
    """Map a bead cost to [0, 1]: low cost, high confidence; 1-0 and 0-1 beads stay low."""
    if not a or not b:
        return round(1.0 / (1.0 + math.exp(cost - 3.0)) * 0.5, 4)
    return round(1.0 / (1.0 + math.exp(cost - 1.0)), 4)


def _merge_lexicons(a, b):
    merged = {w: set(ts) for w, ts in a.items()}
    for w, ts in b.items():
        merged.setdefault(w, set()).update(ts)
    return merged


def _seed_lexicon(lexicon):
    """{folded source word: {folded target words}} from single-word entries of a user lexicon."""
    seed = {}
    for source, targets in (lexicon or {}).items():
        words = _WORD_RE.findall(source)
        if len(words) != 1:
            continue
        for target in ([targets] if isinstance(targets, str) else targets):
            twords = _WORD_RE.findall(target)
            if len(twords) == 1:
                seed.setdefault(fold(words[0]), set()).add(fold(twords[0]))
    return seed


def _align_block(src_s, tgt_s, src_p, tgt_p, src_off, tgt_off, seed=None, progress=None):
    n, m = len(src_s), len(tgt_s)
    if n == 0 or m == 0:
        if progress is not None:
            progress.tick(progress.done + _block_steps(n, m))
        return ([Bead((src_off + i,), (), 0.0) for i in range(n)]
                + [Bead((), (tgt_off + j,), 0.0) for j in range(m)])
    src, tgt = _Doc(src_s, src_p, progress), _Doc(tgt_s, tgt_p, progress)
    ratio = (tgt.prefix[-1] / src.prefix[-1]) if src.prefix[-1] and tgt.prefix[-1] else 1.0
    tick = progress.tick if progress is not None else (lambda: None)
    chain = _anchor_guide(src.keys, tgt.keys, n, m)
    tick()                          # between the stages too, for a prompt cancellation
    guide = _guide_from_points(chain, n, m)
    keys = _Keys(*(_lexical_keys(src, tgt, seed) if seed else (src.keys, tgt.keys)))
    tick()
    path = _search(src, tgt, keys, ratio, guide, MIN_BAND, FIRST_PASS_SHAPES, progress)
    for _ in range(LEXICON_ROUNDS):
        lexicon = _merge_lexicons(_induce_lexicon(src, tgt, path, progress=progress),
                                  seed or {})
        tick()
        keys = _Keys(*(_lexical_keys(src, tgt, lexicon) if lexicon else (src.keys, tgt.keys)))
        tick()
        guide = _guide_from_points([(i1, j1) for _, i1, _, j1, _ in path], n, m)
        path = _search(src, tgt, keys, ratio, guide, REFINE_BAND, progress=progress)
    return [Bead(tuple(range(src_off + i0, src_off + i1)), tuple(range(tgt_off + j0, tgt_off + j1)),
                 _confidence(cost, i1 - i0, j1 - j0))
            for i0, i1, j0, j1, cost in path]


def align(src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str, *,
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
    them are aligned. The languages are accepted for future per-pair data; the method itself is
    language independent.

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
    tracker = _Progress(progress, n + m + (PASSES + LEXICON_ROUNDS) * (n + 1 + len(pinned)))
    beads = _align(src, tgt, src_paragraphs, tgt_paragraphs, pinned, lexicon, tracker)
    tracker.finish()
    return beads


def _align(src, tgt, src_paragraphs, tgt_paragraphs, pinned, lexicon, progress):
    n, m = len(src), len(tgt)
    lonely = [p for p in pinned if bool(p.src) != bool(p.tgt)]
    if lonely:
        return _align_around_lonely(src, tgt, src_paragraphs, tgt_paragraphs, pinned, lonely,
                                    lexicon, progress)
    seed = _seed_lexicon(lexicon)
    pins = sorted((p for p in pinned if p.src or p.tgt),
                  key=lambda p: (p.src[0] if p.src else -1, p.tgt[0] if p.tgt else -1))
    beads: list[Bead] = []
    si = ti = 0
    for p in pins:
        for side, idx, size in (("source", p.src, n), ("target", p.tgt, m)):
            if list(idx) != list(range(idx[0], idx[0] + len(idx))) if idx else False:
                raise AlignmentError(f"pinned bead {p}: {side} indices are not contiguous")
            if idx and (idx[0] < 0 or idx[-1] >= size):
                raise AlignmentError(f"pinned bead {p}: {side} index out of range")
        s0 = p.src[0] if p.src else si
        t0 = p.tgt[0] if p.tgt else ti
        if s0 < si or t0 < ti:
            raise AlignmentError(f"pinned bead {p} overlaps or crosses another pinned bead")
        beads += _align_block(src[si:s0], tgt[ti:t0],
                              None if src_paragraphs is None else src_paragraphs[si:s0],
                              None if tgt_paragraphs is None else tgt_paragraphs[ti:t0], si, ti,
                              seed, progress)
        beads.append(Bead(tuple(p.src), tuple(p.tgt), 1.0))
        si, ti = s0 + len(p.src), t0 + len(p.tgt)
    beads += _align_block(src[si:], tgt[ti:],
                          None if src_paragraphs is None else src_paragraphs[si:],
                          None if tgt_paragraphs is None else tgt_paragraphs[ti:], si, ti,
                          seed, progress)
    return beads


def _align_around_lonely(src, tgt, src_paragraphs, tgt_paragraphs, pinned, lonely, lexicon,
                         progress):
    """Pinned 1-0 / 0-1 beads: align without their sentences, then put them back in place."""
    n, m = len(src), len(tgt)
    drop_s = {i for p in lonely for i in p.src}
    drop_t = {j for p in lonely for j in p.tgt}
    if any(i < 0 or i >= n for i in drop_s) or any(j < 0 or j >= m for j in drop_t):
        raise AlignmentError("pinned bead index out of range")
    keep_s = [i for i in range(n) if i not in drop_s]
    keep_t = [j for j in range(m) if j not in drop_t]
    new_s = {old: new for new, old in enumerate(keep_s)}
    new_t = {old: new for new, old in enumerate(keep_t)}
    rest = []
    for p in pinned:
        if p in lonely or not (p.src or p.tgt):
            continue
        if any(i in drop_s for i in p.src) or any(j in drop_t for j in p.tgt):
            raise AlignmentError(f"pinned bead {p} overlaps another pinned bead")
        rest.append(Bead(tuple(new_s[i] for i in p.src), tuple(new_t[j] for j in p.tgt), p.score))
    sub = _align([src[i] for i in keep_s], [tgt[j] for j in keep_t],
                 None if src_paragraphs is None else [src_paragraphs[i] for i in keep_s],
                 None if tgt_paragraphs is None else [tgt_paragraphs[j] for j in keep_t],
                 rest, lexicon, progress)
    # Rebuild in original numbering, splitting a bead where a pinned sentence falls inside it.
    out = []
    for b in sub:
        src_idx = [keep_s[i] for i in b.src]
        tgt_idx = [keep_t[j] for j in b.tgt]
        pieces_s = _runs(src_idx)
        pieces_t = _runs(tgt_idx)
        first = True
        for k in range(max(len(pieces_s), len(pieces_t), 1)):
            ps = tuple(pieces_s[k]) if k < len(pieces_s) else ()
            pt = tuple(pieces_t[k]) if k < len(pieces_t) else ()
            out.append(Bead(ps, pt, b.score if first else 0.0))
            first = False
    for p in lonely:
        out.append(Bead(tuple(p.src), tuple(p.tgt), 1.0))
    # order by position: a bead's place is its first source index, or for 0-1 beads the source
    # position reached by the beads before its target
    out.sort(key=lambda b: (b.tgt[0] if b.tgt else -1, b.src[0] if b.src else -1))
    ordered, src_reached = [], 0
    by_tgt = [b for b in out if b.tgt]
    src_only = sorted((b for b in out if not b.tgt), key=lambda b: b.src[0])
    k = 0
    for b in by_tgt:
        first_src = b.src[0] if b.src else None
        while k < len(src_only) and (first_src is None and src_only[k].src[0] < src_reached
                                     or first_src is not None and src_only[k].src[0] < first_src):
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
