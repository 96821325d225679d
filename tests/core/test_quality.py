"""MQM score: penalties by severity per 100 target words."""
import pytest

from app.core.checks import run_checks
from app.core.checks.base import Finding
from app.core.quality import PENALTIES, count_words, mqm_score


def f(severity):
    return Finding("x", "typography", severity, 0, 1, "L", "m")


@pytest.mark.parametrize("severities,words,per_100,score", [
    ([], 50, 0.0, 100.0),
    (["minor"], 100, 1.0, 99.0),
    (["major", "minor"], 200, 3.0, 97.0),
    (["critical"], 20, 125.0, 0.0),
    (["major"] * 4, 40, 50.0, 50.0),
    ([], 0, 0.0, 100.0),
    (["minor"], 0, 100.0, 0.0),
])
def test_mqm_score_table(severities, words, per_100, score):
    result = mqm_score([f(s) for s in severities], words)
    assert result.penalty == sum(PENALTIES[s] for s in severities)
    assert result.per_100_words == per_100
    assert result.score == score


def test_unknown_severity_is_an_error():
    with pytest.raises(ValueError):
        mqm_score([f("blocker")], 10)


def test_count_words_counts_words_and_numbers():
    assert count_words("L’armée a déployé 2 500 soldats mardi.") == 8
    assert count_words(["Le pont.", "Il a cédé."]) == 5
    assert count_words("") == 0


def test_score_of_real_findings_improves_when_fixed():
    bad = "Les members du comité se sont réunis pour la la dernière fois."
    good = "Les membres du comité se sont réunis pour la dernière fois."
    before = mqm_score(run_checks("", bad, "en", "fr"), count_words(bad))
    after = mqm_score(run_checks("", good, "en", "fr"), count_words(good))
    assert before.score < after.score == 100.0
