"""The answer to a save of a unit whose row offers a suggestion found in other units too:
the row's count of that suggestion ("… in all N") is read in the save's own transaction,
before its commit (issue 14: after it, its statement began a transaction of its own), and
is the count the database holds once the save is committed."""
import re

from sqlalchemy import event

from app.store import documents, get_engine, review, session_scope
from app.web import viewmodels as vm
from tests.web.conftest import HX


# How review.suggestion_counts's statement begins (the PO file written after the commit and
# the slow checks run inline in tests read other rows).
_COUNT = "SELECT finding.check_id, finding.text, finding.suggestion"


def _shared_suggestion(app):
    """(id, version, target) of a unit whose offered suggestion other units also have."""
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        counts = vm.occurrences(doc.units)
        for unit in doc.units:
            offered = vm.offered(unit)
            if offered is not None and counts[(offered.check_id, offered.text.lower(),
                                               offered.suggestion)] > 1:
                return unit.id, unit.version, unit.target
    raise AssertionError("the sample has no suggestion in two units")


def test_the_rows_suggestion_count_is_read_before_the_commit(app, client):
    unit_id, version, target = _shared_suggestion(app)
    steps = []
    engine = get_engine(app)

    def statement(conn, cursor, sql, *args):
        steps.append(sql)

    def committed(conn):
        steps.append("COMMIT")

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", committed)
    try:
        response = client.post(f"/units/{unit_id}", headers=HX,
                               data={"text": target + " Bon.", "version": version})
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", committed)
    assert response.status_code == 200
    counted = [k for k, sql in enumerate(steps) if sql.lstrip().startswith(_COUNT)]
    assert counted and counted[-1] < steps.index("COMMIT")  # the first commit: the save's
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        offered = vm.offered(unit)
        count = review.suggestion_counts(session, unit.document_id, [offered])[
            (offered.check_id, offered.text.lower(), offered.suggestion)]
    assert count > 1
    shown = re.search(r"… in all (\d+)<", response.get_data(as_text=True))
    assert shown is not None and int(shown.group(1)) == count
