"""Lexical evidence: the tokens of a sentence that survive translation (numbers, URLs, e-mail
addresses, @handles, #hashtags, quotes, question and exclamation marks), names and cognates
(accent-free four-letter prefixes), and the bilingual lexicon of a second pass: word pairs
induced from the 1-1 beads of the first pass (Dice scores, as hunalign does) plus the caller's
lexicon (glossary, corrections)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from itertools import product
from operator import itemgetter

COGNATE_PREFIX = 4       # words sharing their first 4 accent-free letters count as cognates
LEXICON_MIN_DICE = 0.3   # induced lexicon: least Dice score of a word pair
LEXICON_TOP = 2          # induced lexicon: translations kept per source word

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


def features(sentence):
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
    if _SPECIAL_HINT.search(sentence):
        _add_token_keys(sentence, keys)
    return keys, words


def _add_token_keys(sentence, keys):
    """Add the keys of the numbers, marks, URLs, addresses, handles and tags of a sentence."""
    if not _LINKISH.search(sentence):
        # no URL, e-mail, handle or hashtag: numbers and marks only (the same keys, faster)
        for m in _NUMBER_RE.finditer(sentence):
            keys.add("n:" + (m.group().translate(_NOT_DIGITS).lstrip("0") or "0"))
        marks = _MARKS.intersection(sentence)
        if marks:
            keys.update(_MARK_KEYS[ch] for ch in marks)
        if "``" in sentence or "''" in sentence:
            keys.add("p:q")
        return
    for m in _SPECIAL_RE.finditer(sentence):
        kind, text = m.lastgroup, m.group()
        if kind == "num":
            keys.add("n:" + (text.translate(_NOT_DIGITS).lstrip("0") or "0"))
        elif kind == "punct":
            keys.add("p:q" if text in _QUOTES else "p:" + _INVERTED.get(text, text))
        else:  # url, email, handle, hashtag
            keys.add("a:" + text.lower().rstrip(".,;:)"))


def induce_lexicon(src, tgt, path, max_pairs=400_000, progress=None):
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
    return _best_pairs(cs, ct, cst)


def _best_pairs(cs, ct, cst):
    """{source word: its LEXICON_TOP best target words} by Dice score of the co-occurrence
    counts cst of word pairs (cs, ct: the words' own counts)."""
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


def lexical_keys(src, tgt, lexicon):
    """Keys of both sides extended with lexicon translations (tuples, as in costs.Doc)."""
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


def merge_lexicons(a, b):
    """The union of two lexicons {source word: set of target words}."""
    merged = {w: set(ts) for w, ts in a.items()}
    for w, ts in b.items():
        merged.setdefault(w, set()).update(ts)
    return merged


def seed_lexicon(lexicon):
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
