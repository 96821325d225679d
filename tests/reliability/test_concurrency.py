"""Many editors at once on one document, against a real server on 127.0.0.1: no 5xx, no lost
update, every acknowledged save is there afterwards; contending saves get 409, never overwrite."""
import http.client
import threading
import urllib.parse

from werkzeug.serving import make_server

from app.store import documents, session_scope
from tests.web.conftest import PASSWORD, login, make_app

EDITORS, SAVES = 8, 6


class Editor:
    """One browser: a session cookie and a connection to the server."""

    def __init__(self, port, name):
        self.port, self.cookie = port, ""
        status, _ = self.post("/login", {"username": name, "password": PASSWORD})
        assert status == 303

    def post(self, path, form):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn.request("POST", path, urllib.parse.urlencode(form), {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie,
            "HX-Request": "true"})
        response = conn.getresponse()
        body = response.read().decode()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        conn.close()
        return response.status, body


def test_concurrent_editors_lose_nothing(tmp_path):
    app = make_app(tmp_path)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    for n in range(EDITORS):
        login(app, f"editor{n}", "admin")
    with session_scope(app) as session:
        units = [(u.id, u.mt) for u in documents.list_documents(session)[0].units]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    acknowledged, statuses, lock = {}, [], threading.Lock()

    def edit(n):
        editor = Editor(server.server_port, f"editor{n}")
        unit_id, mt = units[n]
        for version in range(1, SAVES + 1):
            text = f"{mt} [{n}.{version}]"
            status, _ = editor.post(f"/units/{unit_id}", {"text": text, "version": version})
            with lock:
                statuses.append(status)
                if status == 200:
                    acknowledged[unit_id] = text

    def contend(n, results):
        editor = Editor(server.server_port, f"editor{n}")
        unit_id, mt = units[-1]
        status, _ = editor.post(f"/units/{unit_id}", {"text": f"{mt} <{n}>", "version": 1})
        with lock:
            results.append((status, f"{mt} <{n}>"))

    try:
        workers = [threading.Thread(target=edit, args=(n,)) for n in range(EDITORS)]
        contested = []
        workers += [threading.Thread(target=contend, args=(n, contested)) for n in range(EDITORS)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=120)
        assert not any(w.is_alive() for w in workers)
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert statuses and all(s == 200 for s in statuses), statuses
    winners = [text for status, text in contested if status == 200]
    assert len(winners) == 1 and sorted(s for s, _ in contested).count(409) == EDITORS - 1
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        by_id = {u.id: u for u in doc.units}
        for unit_id, text in acknowledged.items():
            assert by_id[unit_id].target == text and by_id[unit_id].version == SAVES + 1
        assert by_id[units[-1][0]].target == winners[0]
