"""Alignment edits racing with saves (SQLite, and PostgreSQL with WORKBENCH_TEST_DATABASE_URL):
an edit that read the units before a save committed must not hide the save."""
import pytest

from app.store import alignment, documents, session_scope
from app.store.models import Unit
from tests.web.conftest import make_app


def _app(tmp_path):
    app = make_app(tmp_path)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    return app


def test_merge_after_a_save_it_did_not_see_keeps_the_saved_text(tmp_path):
    app = _app(tmp_path)
    merger = app.extensions["store"]()
    try:
        first = documents.list_documents(merger)[0].units[0]
        assert first.target and first.version == 1  # the merge's session has read the unit
        with session_scope(app) as other:  # ... then someone saves it
            unit = other.get(Unit, first.id)
            documents.save_target(other, unit, "SAVED " + unit.target, author="ann",
                                  base_version=1)
        alignment.merge_with_next(merger, first, author="bob")
        merger.commit()
    finally:
        merger.close()
    with session_scope(app) as session:
        merged = documents.list_documents(session)[0].units[0]
        assert merged.target.startswith("SAVED ")
        assert session.get(Unit, first.id).active is False


def test_edit_of_a_unit_another_edit_retired_is_refused_with_a_message(tmp_path):
    app = _app(tmp_path)
    late = app.extensions["store"]()
    try:
        second = documents.list_documents(late)[0].units[1]
        with session_scope(app) as other:  # someone merges it into its neighbour first
            alignment.merge_with_next(other, other.get(Unit, second.id), author="ann")
        with pytest.raises(alignment.AlignmentEditError,
                           match="Segment 2 was changed by someone else meanwhile"):
            alignment.split(late, second, 1, 0, author="bob")
        late.rollback()
    finally:
        late.close()
    with session_scope(app) as session:
        assert len(documents.list_documents(session)[0].units) == 27  # one merge, no split
