"""A stale save's editor (409) reads what it shows besides the unit (findings, dismissals,
comments, the latest revision) in one statement, review.editor_reads: the same values, in
the same order, as the unit's relationships and documents.last_revision give."""
import html
import re

from app.store import documents, review, session_scope
from app.store.models import Dismissal, Unit
from tests.web.conftest import HX
from tests.web.test_conflict_answer_fast import _statements, _unit_with_everything


def _more_of_everything(app, client):
    """The sample unit of _unit_with_everything with a second comment and a second dismissal
    (of a finding no longer found, with no reason and no stored message: dismissals older
    than migration 0020 have none), then saved once by another writer: (id, the version the
    stale save is based on)."""
    unit_id, version, target = _unit_with_everything(app, client)
    assert client.post(f"/units/{unit_id}/comments", headers=HX,
                       data={"text": "Second avis"}).status_code == 200
    with session_scope(app) as session:
        session.add(Dismissal(unit_id=unit_id, key="untranslated-words:gone", author="other",
                              reason="", check_id="untranslated-words", text="gone",
                              message="Old message"))
    assert client.post(f"/units/{unit_id}", headers=HX, data={
        "text": target + " (1)", "version": version}).status_code == 200
    return unit_id, version


def _parts(page):
    """The findings, the dismissed findings and the comments of an editor's page."""
    found = [re.search(pattern, page, re.S) for pattern in (
        r'<ul class="findings">.*?</ul>', r'<section class="dismissed".*?</section>',
        r'<div id="comments-.*?</form>\s*</div>')]
    return [m and m.group(0) for m in found]


def test_the_conflict_editor_shows_what_the_editor_shows_in_three_statements(app, client):
    """The user, the unit, then one statement (6 before: the latest revision, the findings,
    the dismissals and the comments each read by itself); its findings, dismissals and
    comments are those the editor opened afterwards shows, read through the ORM."""
    unit_id, version = _more_of_everything(app, client)
    response, statements = _statements(app, lambda: client.post(
        f"/units/{unit_id}", headers=HX, data={"text": "Mon texte", "version": version}))
    assert response.status_code == 409
    assert len(statements) <= 3, "\n".join(statements)
    page = html.unescape(response.get_data(as_text=True))
    findings, dismissed, comments = _parts(page)
    assert findings and "data-apply-suggestion" in findings
    assert dismissed and dismissed.index("voulu") < dismissed.index("Old message")
    assert "dismissed by other" in dismissed and "no reason given" in dismissed
    assert comments and comments.index("Vu en relecture") < comments.index("Second avis")
    assert "tester saved version" in page
    opened = html.unescape(client.get(f"/units/{unit_id}/edit", headers=HX)
                           .get_data(as_text=True))
    assert _parts(opened) == [findings, dismissed, comments]


def test_editor_reads_gives_the_orm_values_for_every_unit(app, client):
    """Every unit of the sample (one with two comments and two dismissals): the findings in
    the order of unit.findings, the dismissals as dismissed(), the comments oldest first,
    the latest revision as documents.last_revision."""
    unit_id, _ = _more_of_everything(app, client)
    columns = ("id", "check_id", "category", "severity", "start", "end", "text", "message",
               "suggestion", "said")
    with session_scope(app) as session:
        units = documents.list_documents(session)[0].units
        assert any(len(u.findings) >= 2 for u in units)
        for unit in units:
            read = review.editor_reads(session, unit.id)
            last = documents.last_revision(session, unit)
            assert ([tuple(getattr(f, c) for c in columns) for f in read.findings]
                    == [tuple(getattr(f, c) for c in columns) for f in unit.findings])
            assert read.dismissals == [review.ReadDismissal(
                d.id, d.check_id, d.key, d.text, d.message, d.said, d.author, d.reason,
                d.created_at) for d in review.dismissed(unit)]
            assert read.comments == [review.ReadComment(c.author, c.created_at, c.text)
                                     for c in unit.comments]
            assert read.last_revision == (last.author, last.version, last.kind)
            assert last.version == unit.version
            if unit.id == unit_id:
                assert [c.text for c in read.comments] == ["Vu en relecture", "Second avis"]
                assert [d.reason for d in read.dismissals] == ["voulu", ""]
                assert read.last_revision == ("tester", unit.version, "edit")
