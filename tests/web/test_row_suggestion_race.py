"""A unit's row is drawn while another writer changes the document's findings (seen under
bench/load's 20 colliding editors: the conflict view of a save answered 500). The row's
suggestion is counted among the document's findings as the database holds them now; when
none matches any more (the other writer's re-check replaced them), the count is 0, not a
KeyError."""
from sqlalchemy import delete

from app.store import db, documents, session_scope
from app.store.models import Finding
from app.web import units


def test_a_row_whose_suggestion_is_gone_from_the_database(app):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        unit_id = next(u.id for u in doc.units if any(f.suggestion for f in u.findings))
    with app.test_request_context("/"):
        unit = documents.get_unit(db(), unit_id)
        assert any(f.suggestion for f in unit.findings)  # loaded, as the view has them
        with session_scope(app) as other:  # another writer's re-check, committed
            other.execute(delete(Finding))
        row = units.row_of(unit)
        assert row.suggestion is not None and row.suggestion_count == 0
