"""bench/eval/peer-pairs.tsv, the peers' pairs that bench/peers scores (issue 17), is well formed:
its columns, labels, families and the check ids they name. The rates are measured by
bench/peers, never asserted here."""
import collections
import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

from app.core.checks import BY_ID

ROOT = Path(__file__).resolve().parents[2]


def _load_scorer():
    loader = importlib.machinery.SourceFileLoader("bench_peers", str(ROOT / "bench" / "peers"))
    spec = importlib.util.spec_from_loader("bench_peers", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


peers = _load_scorer()
PAIRS = peers.read_pairs()
FAMILIES = peers.read_families()


def test_enough_pairs_of_both_labels_from_both_peers():
    counts = collections.Counter((p.peer, p.label) for p in PAIRS)
    assert len(PAIRS) >= 250
    assert set(counts) == {("weblate", "bad"), ("weblate", "fine"),
                           ("pofilter", "bad"), ("pofilter", "fine")}


def test_every_pair_names_a_known_family_and_a_language():
    for pair in PAIRS:
        assert pair.expect == "-" or pair.expect in FAMILIES, pair
        assert pair.lang and pair.lang.replace("-", "").isalpha(), pair
        assert pair.peer_check and pair.source, pair


def test_every_family_has_bad_and_fine_pairs():
    labels = collections.defaultdict(set)
    for pair in PAIRS:
        labels[pair.expect].add(pair.label)
    for family in FAMILIES:
        assert labels[family] == {"bad", "fine"}, family


def test_families_name_registered_checks_only():
    for family, ids in FAMILIES.items():
        assert set(ids) <= BY_ID.keys(), (family, set(ids) - BY_ID.keys())


def test_no_pair_is_written_twice():
    seen = collections.Counter((p.expect, p.source, p.target, p.lang, p.flags) for p in PAIRS)
    assert [k for k, n in seen.items() if n > 1] == []


@pytest.mark.parametrize("cell, text", [
    ("a\\nb", "a\nb"),
    ("tab\\t", "tab\t"),
    ("C:\\\\Temp", "C:\\Temp"),
    ("x\\u00a0:", "x\u00a0:"),
    ("\\\\n stays a backslash and n", "\\n stays a backslash and n"),
])
def test_cells_unescape(cell, text):
    assert peers.unescape(cell) == text


def test_a_malformed_line_is_refused_with_its_number(tmp_path):
    bad = tmp_path / "pairs.tsv"
    bad.write_text("\t".join(peers.COLUMNS) + "\nweblate\tX\tmaybe\t-\tfr\t\ta\tb\tnote\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"pairs.tsv:2: label 'maybe'"):
        peers.read_pairs(bad)
