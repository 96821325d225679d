"""The checks' resources in their compact, lazy forms answer as the libraries do (issue 17):
word frequencies from sorted hash arrays (app/core/freq.py) equal wordfreq's, and the Moses
prefix lists read without importing sacremoses (app/core/tokens.py) equal its tokenizer's."""
import subprocess
import sys

import pytest
import wordfreq
from sacremoses import MosesTokenizer

from app import ROOT
from app.core import freq, tokens

WORDS = [
    "the", "level", "niveau", "maison", "House", "aujourd’hui", "l'homme", "qu'il", "e-mail",
    "co-operate", "New York", "state of affairs", "2024", "3.5", "12,000", "1st", "x86_64",
    "C++", "%d", "rock'n'roll", "naïve", "ÉCOLE", "straße", "ﬁle", "", " ", "zzzqqxw",
    "kp", "火", "水", "は", "の", "a\ud800b",  # "kp" and "火" share Python's str hash
]


@pytest.mark.parametrize("lang", ["en", "fr", "de"])
def test_zipf_equals_wordfreq(lang):
    listed = [w for bucket in wordfreq.get_frequency_list(lang)[::40] for w in bucket[:3]]
    for word in WORDS + listed:
        assert freq._zipf_of(word, lang, "best") == wordfreq.zipf_frequency(word, lang), word
        assert freq._zipf_of(word, lang, "small") == wordfreq.zipf_frequency(
            word, lang, wordlist="small"), word


@pytest.mark.parametrize("lang", ["en", "fr", "de", "pt", "ta", "zh"])
def test_prefixes_equal_the_moses_tokenizers(lang):
    moses = MosesTokenizer(lang=lang)
    assert tokens.nonbreaking_prefixes(lang) == (
        frozenset(p.split(" ", 1)[0] for p in moses.NONBREAKING_PREFIXES if p),
        frozenset(moses.NUMERIC_ONLY_PREFIXES))


def test_prefixes_and_frequencies_load_without_the_tokenizer():
    probe = ("import sys; from app.core import freq, tokens; tokens.nonbreaking_prefixes('fr'); "
             "freq.zipf('maison', 'fr'); print('sacremoses' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.stdout.strip() == "False", out.stderr[-2000:]


def test_importing_wordfreq_leaves_no_source_in_linecache():
    # wordfreq's import reads the source of every file on the stack into linecache
    # (locate.this_dir() calls inspect.stack()); app.core.freq drops those entries again.
    probe = ("import linecache; from app.core import freq; "
             "assert 'wordfreq' not in __import__('sys').modules; "
             "linecache.getline(freq.__file__, 1); freq.zipf('maison', 'fr'); "
             "print(sorted(linecache.cache) == [freq.__file__])")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.stdout.strip() == "True", out.stderr[-2000:]
