"""The document-level parts of the check suite, one by one (what an incremental re-check
builds on): they must give what run_document_checks gives for the whole document."""
import random

from app.core import checks
from app.core.checks.base import Context
from app.core.checks.consistency import (DOCUMENT_CONSISTENCY, MIN_WORDS, consistency_hits,
                                         consistency_key)
from app.core.checks.punctuation import DOCUMENT_QUOTES, last_quote

NB = "\u00a0"
TARGETS = [
    "Il n'a rien dit.", f"Où allez-vous{NB}?", "Il n’a rien dit du tout.", "Elle dit : « Non",
    "et partit. »", "« Oui", "Quelle journée !", "", "L'homme et l’enfant.", f"«{NB}Encore",
]
REFERENCES = ["He said nothing.", "Where are you going?", "He said nothing.", "She said: \"No",
              "and left.\"", "\"Yes", "What a day!", "He said nothing.", "The man and the child.",
              "\"Again"]


def test_context_from_summed_counts_is_the_document_context():
    rng = random.Random(3)
    for _ in range(50):
        targets = rng.sample(TARGETS, rng.randint(0, len(TARGETS)))
        totals = [sum(col) for col in zip(*(checks.style_counts(t) for t in targets))] or [0] * 4
        for lang in ("fr", "en"):
            assert checks.context_from_counts(Context(), lang, totals) == \
                checks.document_context(targets, Context(), lang)


def old_quote_hits(targets):
    """The quotation rule as first written: follow every « and » through the document."""
    out, open_at = [[] for _ in targets], None
    for k, text in enumerate(targets):
        for i, ch in enumerate(text):
            if ch in "\u00ab\u00bb":
                open_at = (k, i) if ch == "\u00ab" else None
    if open_at is not None:
        out[open_at[0]].append(open_at[1])
    return out


def test_the_last_quotation_mark_decides():
    rng = random.Random(5)
    for _ in range(200):
        targets = [rng.choice(TARGETS) for _ in range(rng.randint(0, 6))]
        hits = [[h.start for h in hs] for hs in DOCUMENT_QUOTES.hits([("", t) for t in targets])]
        assert hits == old_quote_hits(targets)
        last = next((last_quote(t) for t in reversed(targets)
                     if last_quote(t) is not None), None)
        assert (last is not None and last >= 0) == any(hits)


def test_a_group_of_equal_references_gives_its_own_hits():
    pairs = list(zip(REFERENCES, TARGETS))
    whole = consistency_hits(pairs)
    assert DOCUMENT_CONSISTENCY.hits(pairs) == whole
    groups = {}
    for k, (reference, target) in enumerate(pairs):
        key = DOCUMENT_CONSISTENCY.summary(reference, target)
        assert (key is None) == (consistency_key(reference) is None)
        if key is not None:
            groups.setdefault(key, []).append(k)
    assert groups  # "He said nothing." three times
    for members in groups.values():
        alone = consistency_hits([pairs[k] for k in members])
        assert alone == [whole[k] for k in members]
    assert consistency_key("Yes.") is None  # fewer than MIN_WORDS words
    assert MIN_WORDS == 2


def test_per_pair_findings_plus_document_hits_are_the_document_checks():
    pairs = list(zip(REFERENCES, TARGETS))
    targets = [t for _, t in pairs]
    languages = checks.Languages("en", "fr")
    context = checks.document_context(targets, Context(), "fr")
    hits = checks.document_hits(pairs)
    assert [h[DOCUMENT_CONSISTENCY.check.check_id] for h in hits if h.get(
        DOCUMENT_CONSISTENCY.check.check_id)] == [h for h in consistency_hits(pairs) if h]
    for disabled in ((), ("inconsistent-translation",), ("unbalanced-quotes",)):
        expected = checks.run_document_checks(pairs, "en", "fr", Context(), disabled)
        for k, (reference, target) in enumerate(pairs):
            found = checks.run_checks(reference, target, "en", "fr", context, disabled)
            assert checks.with_document_hits(found, target, languages, disabled,
                                             hits[k]) == expected[k]


def test_memory_can_be_recalled_one_phrase_at_a_time():
    asked = []

    def recall(phrase):
        asked.append(phrase)
        return {"state of affairs": "situation"}.get(phrase)

    context = Context(memory={"members": "membres"}, recall=recall)
    assert context.remembered("Members") == "membres" and asked == []
    assert context.remembered("State  of   Affairs") == "situation"
    assert asked == ["state of affairs"]
    assert context.remembered("riots") is None
