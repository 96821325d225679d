"""The checks on long segments (issue 15): the paths that were quadratic in the length of a
segment give the same answers as before, by indexes instead of a scan per item. Times are
in the README (bench figures), not asserted here."""
import random
import re

from app.core import checks
from app.core.checks import numbers, typography
from app.core.checks.base import Finding


def _pairwise_unmatched(items, others):
    """What numbers._unmatched answers, the slow way: every item against every free other."""
    pool, left = list(others), []
    for it in items:
        for k, other in enumerate(pool):
            if other is not None and it.matches(other):
                pool[k] = None
                break
        else:
            left.append(it)
    return left


def test_number_matching_by_index_equals_trying_every_pair():
    rng = random.Random(3)

    def number():
        values = frozenset(float(v) for v in rng.sample(range(6), rng.randint(0, 2)))
        scaled = frozenset(float(v) for v in rng.sample(range(6), rng.randint(0, 2))
                           ) if rng.random() < 0.4 else frozenset()
        return numbers._Number(0, 0, values, True, scaled)

    for _ in range(3000):
        items = [number() for _ in range(rng.randint(0, 7))]
        others = [number() for _ in range(rng.randint(0, 7))]
        assert [id(x) for x in numbers._unmatched(items, others)] == \
            [id(x) for x in _pairwise_unmatched(items, others)]


def test_reference_number_lookup_equals_a_search_per_token(monkeypatch):
    rng = random.Random(5)
    for short in (40, 3):  # the index, and the search for tokens longer than it keeps
        monkeypatch.setattr(typography, "_SHORT_TOKEN", short)
        for _ in range(3000):
            reference = "".join(rng.choice("12,. a\u0663") for _ in range(rng.randint(0, 30)))
            found = typography._in_reference(reference)
            for _ in range(5):
                token = rng.choice("12") + "".join(rng.choice("12,.")
                                                   for _ in range(rng.randint(0, 6)))
                expected = re.search(r"(?<![\d.,])" + re.escape(token) + r"(?![\d])",
                                     reference) is not None
                assert found(token) == expected, (reference, token)


def test_a_finding_key_reads_only_the_words_next_to_its_span():
    target = "x" * 5000 + " le local meeting de demain " + "y " * 5000
    start = target.index("meeting")
    finding = Finding("untranslated-words", "untranslated", "major", start, start + 7,
                      "meeting", "English.")
    key = checks.finding_key(finding, target)
    shifted = "z" * 300 + " " + target
    moved = Finding("untranslated-words", "untranslated", "major", start + 301, start + 308,
                    "meeting", "English.")
    assert checks.finding_key(moved, shifted) == key  # text far away does not matter
    edited = target.replace("local meeting", "grand meeting")
    assert checks.finding_key(finding, edited) != key  # the word before does


def test_a_number_mismatch_names_a_few_of_the_reference_numbers():
    reference = " ".join(str(n) for n in range(1, 2001))
    target = " ".join(str(n) for n in range(50001, 52001))
    found = [f for f in checks.run_checks(reference, target, "en", "fr")
             if f.check_id == "number-mismatch"]
    assert len(found) == checks.MAX_PER_CHECK  # of 2,000
    assert re.search(r"\(reference has 1, 2, 3, 4, 5 and \d+ more\)\.$", found[0].message)


def test_a_check_keeps_its_first_hundred_findings_in_a_segment():
    target = "«" * 10000  # each « glued and never closed: 9,999 findings of two checks
    found = checks.run_checks("", target, "en", "fr")
    by_check = {}
    for f in found:
        by_check.setdefault(f.check_id, []).append(f.start)
    assert by_check["fr-punctuation-space"] == list(range(checks.MAX_PER_CHECK))
    assert len(by_check["unbalanced-quotes"]) == checks.MAX_PER_CHECK
