"""Two translators keep working while a third client sends the worst inputs found by the
attacker's probes of issue 15, against a real threaded server on 127.0.0.1: every hostile
request is refused (4xx) or answered normally, never with a 5xx, and every request of the two
translators succeeds (a sign-in that met "database is locked", a save queued behind a
minutes-long check, a search stuck in backtracking would fail them: the server answered
none of those within the clients' 60 s timeout before the fixes)."""
import http.client
import io
import threading
import urllib.parse

from werkzeug.datastructures import FileStorage
from werkzeug.serving import make_server
from werkzeug.test import encode_multipart

from app.store import documents, session_scope
from tests.web.conftest import PASSWORD, login, make_app

ROUNDS = 6  # each translator signs in, reads and saves this many times


class Client:
    """One browser: a session cookie and a connection a request."""

    def __init__(self, port, name):
        self.port, self.cookie = port, ""
        status, _ = self.request("POST", "/login", {"username": name, "password": PASSWORD})
        assert status == 303

    def request(self, method, path, form=None, *, body=None, content_type=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie, "HX-Request": "true"}
        if form is not None:
            body = urllib.parse.urlencode(form)
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        conn.request(method, path, body, headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";")[0]
        conn.close()
        return response.status, text


def _upload(fields):
    boundary, body = encode_multipart({
        key: FileStorage(io.BytesIO(value[1]), value[0]) if isinstance(value, tuple) else value
        for key, value in fields.items()})
    return body, f"multipart/form-data; boundary={boundary}"


def hostile_requests(unit_id, version, slug):
    """(what, method, path, form or (body, content type)) of the probes' worst inputs."""
    big_line = _upload({"title": "One line", "source_lang": "en", "target_lang": "fr",
                        "reference_text": "Hello.",
                        "target_file": ("book.txt", ("mot " * 2_500_000).encode())})
    bad_plural = _upload({"file": ("bad.po", (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n**99999999**99);\\n"\n\n'
        'msgid "a"\nmsgstr "b"\n').encode())})
    regex = {"q": "(a+b?)+$", "regex": "1"}
    return [
        ("a 100 KB segment", "POST", f"/units/{unit_id}",
         {"text": "mot " * 25_000, "version": version}),
        ("a 400 KB segment", "POST", f"/units/{unit_id}",
         {"text": "mot " * 100_000, "version": version}),
        ("a backtracking search", "GET",
         f"/documents/{slug}?{urllib.parse.urlencode(regex)}", None),
        ("a backtracking replace preview", "GET", f"/documents/{slug}/replace?" +
         urllib.parse.urlencode({"find": "(a+b?)+$", "replace": "x", "regex": "1"}), None),
        ("a 10 MB one-line import", "POST", "/documents/new", big_line),
        ("an invalid plural expression", "POST", "/documents/import-po", bad_plural),
        ("an id past SQLite's integer range", "GET", "/units/99999999999999999999", None),
        ("an offset past SQLite's integer range", "GET",
         f"/documents/{slug}?offset=99999999999999999999", None),
    ]


def test_two_translators_stay_served_while_a_third_client_sends_the_worst_inputs(tmp_path):
    app = make_app(tmp_path)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    for name in ("ana", "ben", "mallory"):
        login(app, name, "admin")
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        units = [(u.id, u.version, u.mt) for u in doc.units if u.mt]
        slug = doc.slug
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_port
    attacker = Client(port, "mallory")
    target_id, target_version, _ = units[-1]
    # A text where Python's re backtracked for minutes on (a+b?)+$.
    assert attacker.request("POST", f"/units/{target_id}",
                            {"text": "a" * 40 + "!", "version": target_version})[0] == 200
    answers, served, done = [], [], threading.Event()

    def attack():
        probes = hostile_requests(target_id, target_version + 1, slug)
        while not done.is_set():
            for what, method, path, payload in probes:
                if isinstance(payload, tuple):
                    status, body = attacker.request(method, path, body=payload[0],
                                                    content_type=payload[1])
                else:
                    status, body = attacker.request(method, path, payload)
                answers.append((what, status, body))

    def translate(n):
        unit_id, version, mt = units[n]
        for r in range(ROUNDS):
            client = Client(port, ("ana", "ben")[n])  # a sign-in each round
            status, _ = client.request("GET", f"/documents/{slug}")
            served.append(("read", status))
            status, _ = client.request("POST", f"/units/{unit_id}",
                                       {"text": f"{mt} [{r}]", "version": version + r})
            served.append(("save", status))

    attacker_thread = threading.Thread(target=attack)
    attacker_thread.start()
    translators = [threading.Thread(target=translate, args=(n,)) for n in (0, 1)]
    for t in translators:
        t.start()
    for t in translators:
        t.join()
    done.set()
    attacker_thread.join()
    server.shutdown()

    assert sorted(set(served)) == [("read", 200), ("save", 200)], served
    assert len(served) == 2 * 2 * ROUNDS
    assert answers, "the attacker sent nothing"
    statuses = {what: status for what, status, _ in answers}
    assert not [a for a in answers if a[1] >= 500], answers
    assert statuses["a 100 KB segment"] == 413 and statuses["a 400 KB segment"] == 413
    assert statuses["a 10 MB one-line import"] == 413
    assert statuses["an invalid plural expression"] == 422
    bodies = {what: body for what, _, body in answers}
    assert "Plural-Forms" in bodies["an invalid plural expression"]
    assert "limit is 10,000" in bodies["a 100 KB segment"]
    assert statuses["a backtracking search"] == 200
    assert statuses["a backtracking replace preview"] == 200
    assert statuses["an id past SQLite's integer range"] == 404
    assert statuses["an offset past SQLite's integer range"] == 400
