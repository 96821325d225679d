"""Fuzzing of the check suite: run_checks and run_document_checks never crash, and every
finding is well formed (span inside the target, text == target[start:end], known category
and severity, a registered check id)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.core.checks import (BY_ID, CATEGORIES, SEVERITIES, Context, GlossaryTerm,
                             finding_key, run_checks, run_document_checks)
from tests.fuzz.strategies import LANGUAGE_PAIRS, adversarial_text, fuzz_settings, sentence

_WORDS = st.sampled_from(["chat", "cat", "Wort", "e-mail", "l\u2019heure", "mot", "", " ",
                          "a", "\u00e9t\u00e9", "(x", "Dr.", "100 %", "\u00a0", "ok"])
_TERM_TEXT = st.one_of(_WORDS, st.lists(_WORDS, min_size=1, max_size=3).map(" ".join),
                       sentence())


def _contexts():
    return st.one_of(st.none(), st.builds(
        Context,
        accepted_words=st.frozensets(_TERM_TEXT, max_size=3),
        glossary=st.lists(st.builds(GlossaryTerm, _TERM_TEXT, _TERM_TEXT, st.booleans(),
                                    st.sampled_from(["", "note"])), max_size=4),
        memory=st.dictionaries(_TERM_TEXT, _TERM_TEXT, max_size=3),
        length_ratio=st.one_of(st.none(), st.floats(0.01, 100.0)),
        nbsp=st.sampled_from([None, True, False]),
        apostrophe=st.sampled_from([None, "'", "\u2019"]),
    ))


def _check_findings(findings, target):
    for f in findings:
        assert 0 <= f.start < f.end <= len(target), f
        assert f.text == target[f.start:f.end], f
        assert f.category in CATEGORIES, f
        assert f.severity in SEVERITIES, f
        assert f.check_id in BY_ID, f
        assert isinstance(f.message, str) and f.message, f
        assert f.suggestion is None or isinstance(f.suggestion, str), f
        assert finding_key(f, target).startswith(f.check_id + ":")
    assert findings == sorted(findings, key=lambda f: (f.start, f.end, f.check_id))


def _pair_text():
    return st.one_of(sentence(), adversarial_text(max_pieces=25))


@fuzz_settings(150)
@given(_pair_text(), _pair_text(), st.sampled_from(LANGUAGE_PAIRS), _contexts())
def test_run_checks_findings_are_well_formed(reference, target, langs, context):
    _check_findings(run_checks(reference, target, *langs, context), target)


@fuzz_settings(120)
@given(sentence(), st.sampled_from(LANGUAGE_PAIRS), _contexts())
def test_target_equal_to_reference(text, langs, context):
    """An untranslated copy (the reference pasted as target) is a common case of its own."""
    _check_findings(run_checks(text, text, *langs, context), text)


@fuzz_settings(80)
@given(st.lists(st.tuples(sentence(), sentence()), max_size=8),
       st.sampled_from(LANGUAGE_PAIRS), _contexts())
def test_run_document_checks_findings_are_well_formed(pairs, langs, context):
    # identical references with different targets exercise the consistency check
    if len(pairs) >= 2:
        pairs = pairs + [(pairs[0][0], pairs[1][1])]
    out = run_document_checks(pairs, *langs, context)
    assert len(out) == len(pairs)
    for (_, target), findings in zip(pairs, out):
        _check_findings(findings, target)
