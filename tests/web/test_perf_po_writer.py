"""The background PO writer in a child process (PO_WRITE_PROCESS): the file follows the
saves without the server's process writing it."""
import time

from app.core.po import read_po
from app.store import documents, session_scope
from tests.web.conftest import HX, login, make_app


def test_a_child_process_writes_the_file(tmp_path, monkeypatch):
    app = make_app(tmp_path, PO_WRITE_DELAY=0.2, PO_WRITE_PROCESS=True)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    here = []
    monkeypatch.setattr(documents, "publish_po",
                        lambda *a, **k: here.append(1))  # only the child may write
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        unit_id, mt = doc.units[0].id, doc.units[0].mt
        path = documents.po_path(app.config["TRANSLATIONS_DIR"], doc)
    writer = app.extensions["po_writer"]
    try:
        response = login(app).post(f"/units/{unit_id}", headers=HX,
                                   data={"text": mt + " (revu)", "version": 1})
        assert response.status_code == 200
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if path.exists() and any(e.target == mt + " (revu)" for e in read_po(path)):
                break
            time.sleep(0.1)
        assert any(e.target == mt + " (revu)" for e in read_po(path))
        assert here == []
    finally:
        writer.close()
