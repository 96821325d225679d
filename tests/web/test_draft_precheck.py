"""A save that follows the autosaved draft of its text finds that text's checks done (issue
14: in the browser the editor autosaves 0.7 s after the last key, and the checks were a third
of a save's time). The draft's request runs them and keeps the result
(`documents.keep_precheck`); the save uses it only when what it was computed from still holds
under the document's lock: the same text and reference, context, checks switched off, and
the memory's answers to the phrases the checks looked up. The findings stored are always
those of a whole re-check."""
from sqlalchemy import select

from app.core import checks
from app.store import documents, importing, session_scope, terms
from app.store.models import Document, Finding
from tests.web.conftest import HX
from tests.web.test_checks_outside_lock import _assert_same_as_full_recheck, _save_only

PAIRS = [("The local authorities said yes.", "Les local authorities ont dit oui."),
         ("The committee met yesterday.", "Le comité s’est réuni hier."),
         ("The local authorities said no.", "Les local authorities ont dit non.")]


def _document(app):
    """[(unit id, version)] of a small document of its own, and its id."""
    with session_scope(app) as session:
        doc = importing.create_from_pairs(session, PAIRS, title="Drafts", source_lang="en",
                                          target_lang="fr", author="t")
        return [(u.id, u.version) for u in doc.units], doc.id


def _checked(monkeypatch):
    """The targets the checks run on, in order (a spy on checks.run_checks)."""
    run_checks, seen = checks.run_checks, []

    def checking(reference, target, *args, **kwargs):
        seen.append(target)
        return run_checks(reference, target, *args, **kwargs)

    monkeypatch.setattr(checks, "run_checks", checking)
    return seen


def _post(client, unit, text, what=""):
    response = client.post(f"/units/{unit[0]}{what}", headers=HX,
                           data={"text": text, "version": unit[1]})
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    return response


def _suggestions(app, unit_id):
    with session_scope(app) as session:
        return set(session.scalars(select(Finding.suggestion).where(
            Finding.unit_id == unit_id, Finding.check_id == "untranslated-words")))


def test_a_save_after_the_draft_of_its_text_runs_no_check_of_its_own(app, client, monkeypatch):
    _save_only(app)
    units, document_id = _document(app)
    text = "Les local authorities ont dit oui, hier."
    seen = _checked(monkeypatch)
    _post(client, units[0], text, "/draft")
    assert seen == [text]  # the draft's request ran them
    seen.clear()
    answer = _post(client, units[0], text)
    assert text not in seen  # the save used them
    assert "local authorities" in answer.get_data(as_text=True)  # flagged in the answer
    _assert_same_as_full_recheck(app, document_id)


def test_a_save_of_another_text_than_the_draft_checks_its_own(app, client, monkeypatch):
    _save_only(app)
    units, document_id = _document(app)
    seen = _checked(monkeypatch)
    _post(client, units[0], "Les local authorities ont dit oui, hier.", "/draft")
    seen.clear()
    _post(client, units[0], "Les local authorities ont dit oui, hier soir.")
    assert seen[0] == "Les local authorities ont dit oui, hier soir."
    _assert_same_as_full_recheck(app, document_id)


def test_a_correction_learned_after_the_draft_is_what_the_save_suggests(app, client,
                                                                       monkeypatch):
    """Between the draft and its save, another segment's edit teaches the memory how the
    phrase the draft's checks looked up is corrected: the kept checks are stale (their
    suggestion came from the memory's old answer) and run again under the lock."""
    _save_only(app)
    units, document_id = _document(app)
    text = "Les local authorities ont dit non, hier."
    _post(client, units[2], text, "/draft")
    _post(client, units[0], "Les édiles ont dit oui.")  # local authorities -> édiles
    seen = _checked(monkeypatch)
    _post(client, units[2], text)
    assert seen.count(text) == 1  # again, under the lock
    assert "édiles" in _suggestions(app, units[2][0])
    _assert_same_as_full_recheck(app, document_id)


def test_a_glossary_term_added_after_the_draft_is_checked_by_the_save(app, client,
                                                                     monkeypatch):
    _save_only(app)
    units, document_id = _document(app)
    text = "Le comité s’est réuni hier soir."
    _post(client, units[1], text, "/draft")
    with session_scope(app) as session:  # as the glossary page does
        doc = session.get(Document, document_id)
        terms.add_term(session, source="committee", target="commission", forbidden=False,
                       note="", author="reviewer", source_lang="en", target_lang="fr",
                       doc=doc)
        documents.recheck_document(session, doc, defer=True)
    seen = _checked(monkeypatch)
    _post(client, units[1], text)
    assert seen.count(text) == 1
    with session_scope(app) as session:
        found = set(session.scalars(select(Finding.check_id)
                                    .where(Finding.unit_id == units[1][0])))
    assert "glossary-term" in found
    _assert_same_as_full_recheck(app, document_id)


def test_the_memo_of_kept_checks_stays_bounded(app, client, monkeypatch):
    monkeypatch.setattr(documents, "KEPT_PRECHECKS", 2)
    units, _ = _document(app)
    for k, unit in enumerate(units):
        _post(client, unit, f"Brouillon {k}.", "/draft")
    kept = app.extensions["store"].kw["info"]["prechecks"]
    assert 0 < len(kept) <= 2 and units[-1][0] in kept
    _post(client, units[-1], "Brouillon 2.")
    assert units[-1][0] not in kept  # taken by the save
