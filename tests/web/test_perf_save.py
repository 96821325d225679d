"""What one save (POST /units/<id>) costs the database: the statements it runs stay few
(bench/save measures the time; this guards the count), and what it writes without the ORM's
unit of work (the unit's new version and text, its revision) is all there."""
from sqlalchemy import event, select

from app.store import get_engine, session_scope
from app.store.models import Revision, Unit
from tests import databases
from tests.web.conftest import HX

# The second of two saves of one unit (the totals do not move; the unit has no finding), up
# to the commit, on SQLite: the user, the unit (the unit's checks run before the lock, so
# that a long check keeps no writer waiting, in the glossary and the document's styles that
# the first save read under its lock: nothing read for them), then under the lock: the
# version claim (which takes the write lock and says whether the unit has findings and
# dismissals: none here, so none are read), the undo history's entry (the entry written,
# the document's stamp moved to it if it was at the entry before, the totals coming back
# with it: app/store/stats.py restamp), the revision, the unit's stats row, the document's
# glossary (what the checks ran with must still hold; the totals are those the restamp
# returned); nothing more is read before the commit (the stats row's write says that no
# other unit has the unit's reference: its group of equal references is not read).
# PostgreSQL locks the document with a statement of its own (SELECT ... FOR UPDATE) before
# the claim.
STATEMENTS = 8
UNDER_THE_LOCK = 6  # from the claim on (7 before every save was an undoable entry)


def _unit(app):
    with session_scope(app) as session:
        return session.execute(select(Unit.id, Unit.version, Unit.target)
                               .where(Unit.active, Unit.target != "")
                               .order_by(Unit.position).limit(1)).one()


def test_a_save_runs_few_statements_and_writes_everything(app, client):
    unit_id, version, text = _unit(app)
    statements, committed = [], []

    def count(conn, cursor, statement, *args):
        if not committed:  # the PO file is written after the commit (tests: in the request)
            statements.append(statement)

    def commit(conn):
        committed.append(True)

    engine = get_engine(app)
    for i in range(2):  # the second save: nothing left to compute or store the first time
        statements.clear()
        committed.clear()
        event.listen(engine, "before_cursor_execute", count)
        event.listen(engine, "commit", commit)
        try:
            response = client.post(f"/units/{unit_id}", headers=HX,
                                   data={"text": f"{text} ({i})", "version": version + i})
        finally:
            event.remove(engine, "before_cursor_execute", count)
            event.remove(engine, "commit", commit)
        assert response.status_code == 200, response.get_data(as_text=True)
    postgres = databases.server_url() is not None
    assert len(statements) == STATEMENTS + postgres, "\n".join(statements)
    claim = next(k for k, statement in enumerate(statements)
                 if statement.lstrip().startswith("UPDATE unit"))
    assert len(statements) - claim == UNDER_THE_LOCK, "\n".join(statements[claim:])
    with session_scope(app) as session:
        unit = session.get(Unit, unit_id)
        assert (unit.version, unit.target, unit.state, unit.draft) == \
            (version + 2, f"{text} (1)", "edited", None)
        revision = session.scalars(select(Revision).where(Revision.unit_id == unit_id)
                                   .order_by(Revision.version.desc())).first()
        assert (revision.version, revision.text, revision.kind, revision.author) == \
            (version + 2, f"{text} (1)", "edit", "tester")
        assert revision.created_at is not None and unit.updated_at is not None
