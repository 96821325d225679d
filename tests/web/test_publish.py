"""The background PO writer: a burst of saves writes the file once, soon after, with the
latest text; the download of the PO file never waits for it."""
import time

from app.core.po import read_po
from app.store import documents, session_scope
from tests.web.conftest import HX, login, make_app


def test_burst_of_saves_writes_the_po_file_once(tmp_path, monkeypatch):
    app = make_app(tmp_path, PO_WRITE_DELAY=2.0)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    client = login(app)
    writes = []
    real = documents.publish_po
    monkeypatch.setattr(documents, "publish_po",
                        lambda *a, **k: writes.append(time.monotonic()) or real(*a, **k))
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        units = [(u.id, u.mt) for u in doc.units[:5]]
        path = documents.po_path(app.config["TRANSLATIONS_DIR"], doc)
    for unit_id, mt in units:
        assert client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": mt + " (revu)", "version": 1}).status_code == 200
    deadline = time.monotonic() + 10
    while not writes and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert len(writes) == 1
    assert sum(e.target.endswith(" (revu)") for e in read_po(path)) == 5
    app.extensions["po_writer"].flush()  # nothing pending: no further write
    assert len(writes) == 1
