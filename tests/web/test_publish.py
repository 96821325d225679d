"""The background PO writer: a burst of saves writes the file once, with the latest text; the
writer thread writes by itself after the quiet period."""
import time

from app.core.po import read_po
from app.store import documents, publishing, session_scope
from tests.web.conftest import HX, login, make_app


def sample_app(tmp_path, delay, monkeypatch):
    app = make_app(tmp_path, PO_WRITE_DELAY=delay)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    writes = []
    real = publishing.publish_po

    def counted(*args, **kwargs):
        path = real(*args, **kwargs)
        writes.append(time.monotonic())  # after the file is written
        return path

    monkeypatch.setattr(publishing, "publish_po", counted)
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        units = [(u.id, u.mt) for u in doc.units[:5]]
        path = publishing.po_path(app.config["TRANSLATIONS_DIR"], doc)
    return app, writes, units, path


def test_burst_of_saves_is_written_once(tmp_path, monkeypatch):
    app, writes, units, path = sample_app(tmp_path, 60.0, monkeypatch)
    client = login(app)
    for unit_id, mt in units:
        assert client.post(f"/units/{unit_id}", headers=HX,
                           data={"text": mt + " (revu)", "version": 1}).status_code == 200
    assert writes == []  # no save waited for the file
    app.extensions["po_writer"].flush()
    assert len(writes) == 1
    assert sum(e.target.endswith(" (revu)") for e in read_po(path)) == 5
    app.extensions["po_writer"].flush()  # nothing pending any more
    assert len(writes) == 1


def test_the_writer_thread_writes_after_the_quiet_period(tmp_path, monkeypatch):
    app, writes, units, path = sample_app(tmp_path, 0.2, monkeypatch)
    unit_id, mt = units[0]
    assert login(app).post(f"/units/{unit_id}", headers=HX,
                           data={"text": mt + " (revu)", "version": 1}).status_code == 200
    deadline = time.monotonic() + 300  # a bound on waiting, not a timing assertion
    while not writes and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(e.target == mt + " (revu)" for e in read_po(path))
