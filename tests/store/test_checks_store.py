"""Checks in the store: glossary, memory of corrections, apply everywhere, quality, switches."""
import pytest

from app.store import documents, importing, review, session_scope, terms


def sample(session):
    return documents.list_documents(session)[0]


def flagged(doc, text):
    return [(u, f) for u in doc.units for f in u.findings if f.text == text]


def test_a_correction_becomes_a_suggestion_elsewhere(app):
    with session_scope(app) as session:
        doc = sample(session)
        (unit, finding), = flagged(doc, "members")
        assert finding.suggestion == "membres"   # a cognate guess, with or without FreeDict
        documents.save_target(session, unit, unit.target.replace("members", "adhérents"),
                              author="t", base_version=unit.version)
        assert terms.memory(session, "en", "fr") == {"members": "adhérents"}
        other = importing.create_document(
            session, title="Autre", reference_text="The members met.",
            target_text="Les members se sont réunis.", source_lang="en", target_lang="fr",
            author="t")
        (_, again), = flagged(other, "members")
        assert again.suggestion == "adhérents"   # the team's own choice comes first


def test_apply_everywhere_is_one_undoable_operation(app):
    with session_scope(app) as session:
        doc = sample(session)
        hits = flagged(doc, "state of affairs")
        assert len(hits) == 4 and hits[0][1].suggestion
        unit, finding = hits[0]
        op = review.apply_everywhere(session, doc, unit, finding.id, author="t")
        assert flagged(doc, "state of affairs") == []
        assert sum(finding.suggestion in u.target for u, _ in hits) == 4
        review.undo_text_operation(session, op, author="t")
        assert len(flagged(doc, "state of affairs")) == 4


def test_glossary_terms_and_import(app):
    with session_scope(app) as session:
        doc = sample(session)
        terms.add_term(session, source="peacekeepers", target="soldats de la paix",
                       forbidden=False, note="", author="t", source_lang="en",
                       target_lang="fr", doc=doc)
        terms.add_term(session, source="", target="casques bleus", forbidden=True, note="",
                       author="t", source_lang="en", target_lang="fr")
        documents.recheck_document(session, doc)
        categories = {f.check_id for u in doc.units for f in u.findings}
        assert {"glossary-term", "forbidden-term"} <= categories
        with pytest.raises(terms.GlossaryImportError, match="glossary.csv:"):
            terms.import_terms(session, b"source,target\n\"unclosed,x\n", "glossary.csv",
                               author="t", source_lang="en", target_lang="fr")
        added = terms.import_terms(session, "source,target\nriots,émeutes\n".encode(),
                                   "glossary.csv", author="t", source_lang="en",
                                   target_lang="fr")
        assert added == 1 and len(terms.glossary(session, doc)) == 3


def test_quality_score_and_switching_checks_off(app):
    with session_scope(app) as session:
        doc = sample(session)
        before = documents.quality(doc)
        assert before.penalty > 0 and before.score < 100
        doc.disabled_checks = ["untranslated-words", "spinner-phrase", "untranslated-segment"]
        documents.recheck_document(session, doc)
        assert not any(f.category == "untranslated" for u in doc.units for f in u.findings)
        assert documents.quality(doc).score > before.score
