"""The load of a unit and its document by one statement of two entities (issue 14: cheaper
than the joined eager load it replaced) gives what that load gave: the unit with its
document loaded, the document's full texts left unread, its findings and dismissals read
when first asked for; and the request's session, looked up through `g` once, is still one
per app context."""
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import joinedload, lazyload

from app.store import db, documents, get_engine, session_scope
from app.store.models import Document, Unit


def _statements(app):
    statements = []
    event.listen(get_engine(app), "before_cursor_execute",
                 lambda conn, cursor, statement, *args: statements.append(statement))
    return statements


def _unit_id(app):
    with session_scope(app) as session:
        return next(u.id for u in documents.list_documents(session)[0].units if u.target)


def _joined(session, unit_id):
    """The load get_unit made before: the document by a joined eager load."""
    return session.scalars(select(Unit).options(
        joinedload(Unit.document).options(*documents._LIGHT), lazyload(Unit.findings),
        lazyload(Unit.dismissals)).where(Unit.id == unit_id)).one()


def _loaded(obj):
    state = inspect(obj)
    return {name: state.dict[name] for name in state.mapper.attrs.keys()
            if name not in state.unloaded}


def test_the_unit_comes_with_its_document_as_the_joined_load_gave_them(app):
    unit_id = _unit_id(app)
    with session_scope(app) as session:
        before = _joined(session, unit_id)
        unit_before, doc_before = _loaded(before), _loaded(before.document)
        findings = [f.id for f in before.findings]
    with session_scope(app) as session:
        unit = documents.get_unit(session, unit_id)
        statements = _statements(app)
        assert unit.document.id == unit.document_id
        assert statements == []  # the document was loaded with the unit
        loaded = _loaded(unit)
        assert loaded.pop("document") is unit.document
        del unit_before["document"]
        assert loaded == unit_before
        assert _loaded(unit.document) == doc_before
        assert {"reference_text", "target_text", "units", "all_units"} <= \
            inspect(unit.document).unloaded  # the full texts are read only when asked for
        assert {"findings", "dismissals"} <= inspect(unit).unloaded
        assert [f.id for f in unit.findings] == findings
        assert len(statements) == 1  # the findings read when first asked for


def test_a_unit_already_in_the_session_keeps_its_document(app):
    unit_id = _unit_id(app)
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)  # its document not loaded
        assert "document" in inspect(unit).unloaded
        assert documents.get_unit(session, unit_id) is unit
        statements = _statements(app)
        assert unit.document is session.get(Document, unit.document_id)
        assert statements == []
        assert documents.get_unit(session, unit_id).document is unit.document


def test_no_unit(app):
    with session_scope(app) as session:
        assert documents.get_unit(session, 10 ** 9) is None


def test_one_session_an_app_context(app):
    with app.app_context():
        session = db()
        assert db() is session
        with app.app_context():
            assert db() is not session
        assert db() is session
    with app.app_context():
        assert db() is not session
