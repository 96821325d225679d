"""The background PO writer in a child process (PO_WRITE_PROCESS): the file follows the
saves without the server's process writing it."""
import os
import time

from app.core.po import read_po
from app.store import documents, publishing, session_scope
from app.workers import publisher
from tests.web.conftest import HX, login, make_app


def test_a_child_process_writes_the_file(tmp_path, monkeypatch):
    app = make_app(tmp_path, PO_WRITE_DELAY=0.2, PO_WRITE_PROCESS=True)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    here = []
    monkeypatch.setattr(publishing, "publish_po",
                        lambda *a, **k: here.append(1))  # only the child may write
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        unit_id, mt = doc.units[0].id, doc.units[0].mt
        path = publishing.po_path(app.config["TRANSLATIONS_DIR"], doc)
    writer = app.extensions["po_writer"]
    try:
        response = login(app).post(f"/units/{unit_id}", headers=HX,
                                   data={"text": mt + " (revu)", "version": 1})
        assert response.status_code == 200
        deadline = time.monotonic() + 300  # a bound on waiting, not a timing assertion
        while time.monotonic() < deadline:
            if path.exists() and any(e.target == mt + " (revu)" for e in read_po(path)):
                break
            time.sleep(0.1)
        assert any(e.target == mt + " (revu)" for e in read_po(path))
        assert here == []
        # The child gives way to the server's requests (issue 14): a lower CPU priority.
        children = list(writer.child._processes)
        assert children
        for pid in children:
            assert os.getpriority(os.PRIO_PROCESS, pid) == \
                min(19, os.getpriority(os.PRIO_PROCESS, 0) + publisher.WRITER_NICENESS)
    finally:
        writer.close()


CHILD_OF_KILLED_SERVER = r"""
import os, sys, time
from tests.web.conftest import make_app
from app.store import documents, session_scope

app = make_app(__import__("pathlib").Path(sys.argv[1]), PO_WRITE_DELAY=0.1, PO_WRITE_PROCESS=True)
assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
with session_scope(app) as session:
    doc_id = documents.list_documents(session)[0].id
writer = app.extensions["po_writer"]
writer.schedule(doc_id)
while writer.child is None or not writer.child._processes:
    time.sleep(0.05)
print(*writer.child._processes, flush=True)
time.sleep(600)
"""


def test_the_child_process_ends_when_the_server_is_killed(tmp_path):
    """A server killed by SIGKILL runs no clean-up: its PO writer's child notices and exits."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    server = subprocess.Popen([sys.executable, "-c", CHILD_OF_KILLED_SERVER, str(tmp_path)],
                              cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        children = [int(pid) for pid in server.stdout.readline().split()]
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
        server.stdout.close()
    assert children

    def alive(pid):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        try:  # a zombie of an exited child counts as gone
            with open(f"/proc/{pid}/stat") as stat:
                return stat.read().split(") ")[-1][0] != "Z"
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 300  # a bound on waiting, not a timing assertion
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in children if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], "the PO writer's child process outlived its server"
