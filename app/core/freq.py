"""Word frequencies: the only module of the project that uses wordfreq.

Frequencies are Zipf values (log10 of occurrences per billion words: 7 for "the", 3 for a
word seen once per million words, 0 for an unknown word). ``lean`` compares one word in two
languages, which is how the untranslated check tells "level" (English) from "niveau".

wordfreq keeps a list as a dict of words (about 30 MB for the large English or French
list); this module keeps each list it reads as two arrays instead (``_Table``: about 5 MB),
read once, on first use, and answers exactly as ``wordfreq.zipf_frequency`` does.

The array of a list is cached on disk (``cache_dir()``: $WORKBENCH_CACHE_DIR, else
$XDG_CACHE_HOME/workbench or ~/.cache/workbench; written atomically on first use, rebuilt
when wordfreq's file changes or the cache's format version differs), so that later processes
read 2.5 MB of bytes instead of decoding 600,000 words (issue 17). Writing one also removes
the folder's stale ones (``_prune``: those of lists gone with their checkout or virtual
environment), which would otherwise pile up.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import linecache
import math
import os
import re
import sys
import tempfile
import threading
import time
from array import array
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=256)
def _base(lang: str) -> str:
    return re.split(r"[-_]", (lang or "").strip().lower(), maxsplit=1)[0]


def _wordfreq():
    """wordfreq, imported on first use (0.1 s). Its import finds its data folder with
    ``locate.this_dir()``, whose ``inspect.stack()`` reads the source of every file on the
    importer's stack into ``linecache`` (12 files, 0.8 MB for `flask check`, kept for the
    life of the process, issue 17): those entries are dropped again (a cache: a traceback
    reads them back)."""
    first = "wordfreq" not in sys.modules
    cached = set(linecache.cache) if first else set()
    import wordfreq

    if first:
        for name in set(linecache.cache) - cached:
            linecache.cache.pop(name, None)
    return wordfreq


# wordfreq splits Chinese with jieba and Japanese with MeCab, optional packages we do not
# install: without them its lookups raise, so those languages count as having no list.
_TOKENIZER_MODULES = {"jieba": "jieba", "mecab": "MeCab"}


def _tokenizer_present(lang: str) -> bool:
    import importlib.util

    tokenizer = _wordfreq().get_language_info(lang)["tokenizer"]
    module = _TOKENIZER_MODULES.get(tokenizer)
    return module is None or importlib.util.find_spec(module) is not None


@lru_cache(maxsize=None)
def _supported() -> frozenset[str]:
    return frozenset(lang for lang in _wordfreq().available_languages()
                     if _tokenizer_present(lang))


def is_supported(lang: str) -> bool:
    """True when wordfreq has a frequency list for ``lang`` ("fr", "fr-CA", "pt_BR"...)."""
    return _base(lang) in _supported()


# Below this Zipf value a word is missing from wordfreq's small lists (see the docstring).
SMALL_LIST_FLOOR = 3.0


@lru_cache(maxsize=None)
def _small_supported() -> frozenset[str]:
    return frozenset(_wordfreq().available_languages("small"))


_BUCKET_BITS = 10          # a list's frequency buckets: 0 to -1023 centibels
_BUCKET = (1 << _BUCKET_BITS) - 1
_HIGH = ~_BUCKET          # a key's hash bits


def _hash(word: str) -> int:
    """A 64-bit hash of the word's UTF-8 bytes, the same in every process (cacheable)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8", "surrogatepass"),
                                          digest_size=8).digest(), "little", signed=True)


class _Table:
    """A wordfreq list (a "cBpack": one list of words per centibel of frequency) as one
    sorted array of 64-bit keys: the hash of a word's UTF-8 bytes (``_hash``) with its low
    bits replaced by the word's bucket. Two words of a list sharing a key, or an unknown
    word taking a listed word's key, is about as likely as a one in 10^10 event."""

    def __init__(self, keys: array):
        self.keys = keys

    @classmethod
    def read(cls, path: str) -> "_Table":
        """The table of wordfreq's list file `path`, from the cache when it is current."""
        folder, stamp = cache_dir(), _stamp(path)
        cached = _read_cache(folder, path, stamp)
        if cached is not None:
            _IN_USE.add(os.path.abspath(path))
            return cls(cached)
        keys = _build(path)
        _IN_USE.add(os.path.abspath(path))
        _write_cache(folder, path, stamp, keys)
        return cls(keys)

    def frequency(self, token: str) -> float | None:
        """The token's frequency (as wordfreq's dict has it), or None when it is not listed.
        A word listed in two buckets (a few CJK characters are) has its last one, as in
        wordfreq's dict."""
        key = _hash(token) & _HIGH
        i = bisect_right(self.keys, key | _BUCKET) - 1
        if i >= 0 and self.keys[i] & _HIGH == key:
            return 10 ** (-(self.keys[i] & _BUCKET) / 100)
        return None


def _build(path: str) -> array:
    """The sorted keys of wordfreq's list file `path` (decoding 600,000 words: ~0.3 s)."""
    import msgpack

    keys, blake2b = [], hashlib.blake2b
    with gzip.open(path, "rb") as f:
        unpacker = msgpack.Unpacker(f, raw=False)
        size = unpacker.read_array_header()
        if size - 1 > _BUCKET + 1:
            raise ValueError(f"{path}: {size - 1} frequency buckets, more than expected")
        unpacker.skip()  # the header
        for bucket in range(size - 1):  # one bucket in memory at a time
            keys += [int.from_bytes(blake2b(w.encode("utf-8", "surrogatepass"),
                                            digest_size=8).digest(), "little", signed=True)
                     & _HIGH | bucket for w in unpacker.unpack()]  # _hash(w), inlined
    keys.sort()
    return array("q", keys)


# The cache's format: a JSON header line, then the keys' bytes. A header that differs in
# any field (another version of this format, of wordfreq's file, of byte order) is stale.
CACHE_VERSION = 1


def cache_dir() -> Path:
    """Where the tables are cached."""
    folder = os.environ.get("WORKBENCH_CACHE_DIR")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "workbench"


def _stamp(path: str) -> dict:
    info = os.stat(path)
    return {"version": CACHE_VERSION, "source": os.path.abspath(path), "size": info.st_size,
            "mtime_ns": info.st_mtime_ns, "byteorder": sys.byteorder}


def _cache_file(folder: Path, path: str) -> Path:
    name = hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogatepass")).hexdigest()
    return folder / f"wordfreq-{name[:24]}.keys"


def _read_cache(folder: Path, path: str, stamp: dict) -> array | None:
    """The cached keys of `path`, or None when there are none, or stale or damaged ones."""
    try:
        with open(_cache_file(folder, path), "rb") as f:
            header = json.loads(f.readline())
            data = f.read()
    except (OSError, ValueError):
        return None
    if header != {**stamp, "keys": len(data) // 8} or len(data) % 8:
        return None
    keys = array("q")
    keys.frombytes(data)
    return keys


def _write_cache(folder: Path, path: str, stamp: dict, keys: array) -> None:
    """Write the cache file atomically (a temporary file renamed over it); a folder that
    cannot be written leaves the process without a cache, never without its answers."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".wordfreq-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(json.dumps({**stamp, "keys": len(keys)}).encode("utf-8") + b"\n")
            keys.tofile(f)
        os.replace(temporary, _cache_file(folder, path))
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return
    _prune(folder, {_cache_file(folder, p).name for p in _IN_USE | {path}})


# The lists this process has read (their cache files are never pruned).
_IN_USE: set[str] = set()
STALE_AFTER = 24 * 3600  # seconds: how old an unreadable or other-version cache may get


def _prune(folder: Path, keep: set[str]) -> None:
    """Remove the stale cache files of `folder` (but those named in `keep`): one whose
    header names a list file that no longer exists (another checkout or virtual
    environment, gone), and one whose header is unreadable or of another CACHE_VERSION,
    once older than STALE_AFTER (another version of this code may still use it). Every
    checkout leaves its own files; without this they pile up (71 files, 133 MB seen). A
    file that cannot be read or removed is left, silently."""
    try:
        names = [n for n in os.listdir(folder)
                 if n.startswith("wordfreq-") and n.endswith(".keys") and n not in keep]
    except OSError:
        return
    for name in names:
        path = folder / name
        try:
            if _stale(path):
                path.unlink()
        except OSError:
            pass


def _stale(path: Path) -> bool:
    """Whether the cache file `path` may be removed (see ``_prune``); OSError when it
    cannot be read."""
    with open(path, "rb") as f:
        line = f.readline(4096)
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    current = isinstance(header, dict) and header.get("version") == CACHE_VERSION
    if current and isinstance(header.get("source"), str):
        return not os.path.exists(header["source"])
    return time.time() - path.stat().st_mtime > STALE_AFTER


_TABLES: dict[tuple[str, str], _Table] = {}
_LOCK = threading.Lock()


def _table(base: str, wordlist: str) -> _Table:
    """The list of a language, read once per process (on first use)."""
    table = _TABLES.get((base, wordlist))
    if table is None:
        with _LOCK:
            table = _TABLES.get((base, wordlist))
            if table is None:
                path = _wordfreq().available_languages(wordlist)[base]
                table = _TABLES[base, wordlist] = _Table.read(path)
    return table


def _zipf_of(word: str, base: str, wordlist: str) -> float:
    """``wordfreq.zipf_frequency(word, base, wordlist)``, from this module's tables: the
    word's tokens (wordfreq's), their frequencies combined as wordfreq does (1/f = 1/f1 +
    1/f2 ...; digits smashed to 0 and given wordfreq's digit frequency), rounded alike."""
    wf = _wordfreq()
    if wf.get_language_info(base)["tokenizer"] != "regex":  # Chinese, Japanese: as is
        return wf.zipf_frequency(word, base, wordlist)
    minimum = wf.zipf_to_freq(0.0)
    tokens = wf.lossy_tokenize(word, base)
    table = _table(base, wordlist)
    one_over = 0.0
    for token in tokens:
        smashed = wf.smash_numbers(token)
        freq = table.frequency(smashed)
        if freq is None:
            one_over = 0.0
            break
        if smashed != token:
            freq *= wf.digit_freq(token)
        one_over += 1.0 / freq
    freq = max(1.0 / one_over, minimum) if one_over else minimum
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(wf.freq_to_zipf(freq), 2)


@lru_cache(maxsize=400_000)
def _zipf(word: str, base: str) -> float:
    return _zipf_of(word, base, "best")


@lru_cache(maxsize=100_000)
def _zipf_small(word: str, base: str) -> float:
    return _zipf_of(word, base, "small")


def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` (case-folded) in ``lang``; 0.0 when unknown or unsupported."""
    base = _base(lang)
    if base not in _supported() or not word:
        return 0.0
    return _zipf(word.replace("\u2019", "'").lower(), base)


def at_least(word: str, lang: str, threshold: float) -> bool:
    """``zipf(word, lang) >= threshold``. A threshold above ``SMALL_LIST_FLOOR`` is answered
    from the language's small list (exactly the same answer, far less memory): a word below
    the floor in the large list is missing from the small one, and both miss the threshold.
    A word of several wordfreq tokens combines token frequencies below each token's own, so
    a token missing from the small list keeps the word below the floor in both lists too."""
    base = _base(lang)
    if base not in _supported() or not word:
        return 0.0 >= threshold
    key = word.replace("\u2019", "'").lower()
    if threshold > SMALL_LIST_FLOOR and base in _small_supported():
        return _zipf_small(key, base) >= threshold
    return _zipf(key, base) >= threshold


def lean(word: str, source: str, target: str) -> float:
    """How much more frequent ``word`` is in ``source`` than in ``target`` (Zipf difference).

    Positive: the word leans to the source language ("affairs": about +1.9 for en over fr);
    negative: it leans to the target ("niveau").
    """
    return zipf(word, source) - zipf(word, target)
