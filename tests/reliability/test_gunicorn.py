"""The production setup for real: gunicorn with deploy/gunicorn.conf.py and wsgi:app, two worker
processes on 127.0.0.1, CSRF on, behind a (simulated) proxy that sets X-Forwarded-For.

- The sign-in rate limit holds across the worker processes: failures recorded by both workers
  add up, and concurrent wrong attempts get exactly the allowed number of tries.
- The background PO writer of each worker writes what that worker saved when gunicorn stops
  gracefully.

Which worker serves a request is up to the kernel. To send a request to a chosen worker, the
test keeps the other worker busy: a sync worker serves one connection at a time, and one that
has accepted a connection whose request never ends serves nothing else. The test learns which
worker accepted such a connection from /proc (the socket's inode among the worker's files).
"""
import collections
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import contextmanager

import pytest

from app import ROOT
from app.core import po
from app.store import accounts, documents, publishing, session_scope
from tests.web.conftest import PASSWORD, make_app

START_SECONDS = 300  # a bound: importing the app in two fresh processes on a busy machine
CLIENT = "203.0.113.7"  # the address the proxy says the client has (a documentation range)

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/net"), reason="needs Linux /proc")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """gunicorn -c deploy/gunicorn.conf.py wsgi:app with 2 sync workers (one connection at a
    time each; with threads > 1 gunicorn would switch to gthread); stopped on exit."""

    def __init__(self, tmp_path, database_url, **settings):
        self.port, self.log = free_port(), tmp_path / "access.log"
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("FLASK_", "WORKBENCH_", "WEB_CONCURRENCY"))}
        env.update({"FLASK_DATABASE_URL": database_url, "FLASK_SECRET_KEY": "gunicorn-test",
                    "FLASK_TRANSLATIONS_DIR": str(tmp_path / "translations"),
                    "WORKBENCH_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": "2",
                    "WORKBENCH_ACCESS_LOG": str(self.log), "WORKBENCH_PROXIES": "1"})
        env.update({f"FLASK_{k}": str(v) for k, v in settings.items()})
        self.errors = open(tmp_path / "gunicorn.err", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
             "--worker-class", "sync", "--threads", "1", "wsgi:app"],
            cwd=tmp_path, env=env, stdout=self.errors, stderr=self.errors)
        self.error_file = tmp_path / "gunicorn.err"

    def __enter__(self):
        deadline = time.monotonic() + START_SECONDS
        while len(self.workers()) < 2 or not self._answers():
            assert self.process.poll() is None, self.error_file.read_text()[-3000:]
            assert time.monotonic() < deadline, "gunicorn did not start in time"
            time.sleep(0.1)
        return self

    def _answers(self):
        try:
            return Browser(self.port).get("/login")[0] == 200
        except OSError:
            return False

    def stop(self):
        """SIGTERM (a graceful stop: workers finish and write pending files), bounded."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=45)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.errors.close()

    def __exit__(self, *exc):
        self.stop()

    def workers(self):
        """The pids of the worker processes (children of the gunicorn master)."""
        pids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as stat:
                        fields = stat.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    pids.append(int(entry))
        return sorted(pids)

    def holder(self, connection):
        """The worker that accepted `connection` (waits until one has)."""
        client_port = connection.getsockname()[1]
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            inode = _server_side_inode(self.port, client_port)
            if inode:
                for pid in self.workers():
                    if _has_socket(pid, inode):
                        return pid
            time.sleep(0.01)
        raise AssertionError("no worker accepted the connection in time")

    @contextmanager
    def only(self, target):
        """While inside, the other worker is busy: new connections go to `target`."""
        held = [self._hold()]
        try:
            if self.holder(held[0]) == target:
                held.append(self._hold())  # the other worker takes this one
                assert self.holder(held[1]) != target
                held.pop(0).close()  # target is free again
            yield
        finally:
            for connection in held:
                connection.close()

    def _hold(self):
        connection = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        connection.sendall(b"GET /login HTTP/1.1\r\nHost: held\r\n")  # headers never end
        return connection

    def served(self, method, path, status):
        """The worker pids that served `method path` with `status`, from the access log."""
        pattern = re.compile(rf'"{method} {re.escape(path)}\S* HTTP/1.1" {status} .* pid=<(\d+)>')
        return [int(m[1]) for m in map(pattern.search, self.log.read_text().splitlines()) if m]


def _server_side_inode(server_port, client_port):
    with open("/proc/net/tcp") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if (int(local.split(":")[1], 16) == server_port
                    and int(remote.split(":")[1], 16) == client_port and inode != "0"):
                return inode
    return None


def _has_socket(pid, inode):
    try:
        descriptors = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in descriptors:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]":
                return True
        except OSError:
            continue
    return False


class Browser:
    """A client with a session cookie and the CSRF token of the last page, as a browser has;
    every request says it comes through the proxy from `address`."""

    def __init__(self, port, address=CLIENT):
        self.port, self.address, self.cookie, self.token = port, address, "", ""

    def request(self, method, path, form=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        body = urllib.parse.urlencode(form) if form is not None else None
        all_headers = {"X-Forwarded-For": self.address, "X-Forwarded-Proto": "http",
                       **({"Cookie": self.cookie} if self.cookie else {}), **(headers or {})}
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body, all_headers)
        response = conn.getresponse()
        text = response.read().decode()
        cookie = response.getheader("Set-Cookie")
        conn.close()
        if cookie:
            self.cookie = cookie.split(";")[0]
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', text) or \
            re.search(r'"X-CSRFToken": "([^"]+)"', text)
        if token:
            self.token = token[1]
        return response.status, text

    def get(self, path):
        return self.request("GET", path)

    def sign_in(self, username, password):
        """GET the sign-in page (cookie and token), then POST it; returns the status."""
        self.get("/login")
        return self.request("POST", "/login", {"csrf_token": self.token, "username": username,
                                               "password": password})[0]

    def save(self, unit_id, text, version):
        return self.request("POST", f"/units/{unit_id}", {"text": text, "version": version},
                            {"HX-Request": "true", "X-CSRFToken": self.token})[0]


def users(app, *names):
    with session_scope(app) as session:
        for name in names:
            accounts.create_user(session, name, PASSWORD, "admin")


def test_the_sign_in_limit_holds_across_the_worker_processes(tmp_path):
    app = make_app(tmp_path)
    users(app, "alice", "bob")
    statuses, lock = [], threading.Lock()

    def attempt(port):
        status = Browser(port, "192.0.2.44").sign_in("bob", "wrong password")
        with lock:
            statuses.append(status)

    with Gunicorn(tmp_path, app.config["DATABASE_URL"]) as server:
        first, second = server.workers()
        # Five failures, three recorded by one worker and two by the other...
        for target in (first, second, first, second, first):
            with server.only(target):
                assert Browser(server.port).sign_in("alice", "wrong password") == 401
        # ...add up: each worker refuses the sixth attempt, even with the right password.
        for target in (second, first):
            with server.only(target):
                assert Browser(server.port).sign_in("alice", PASSWORD) == 429
        # The limit is per client address: the proxy's X-Forwarded-For is the address.
        assert Browser(server.port, "198.51.100.9").sign_in("alice", PASSWORD) == 303

        # Twelve wrong attempts at once, on both workers: exactly five get to try.
        threads = [threading.Thread(target=attempt, args=(server.port,)) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads)
    assert collections.Counter(statuses) == {401: 5, 429: 7}
    served = [pid for pid in server.served("POST", "/login", 401)]
    assert served[:5] == [first, second, first, second, first]
    assert server.served("POST", "/login", 429)[:2] == [second, first]


def test_each_worker_writes_its_saves_to_the_po_file_on_a_graceful_stop(tmp_path):
    app = make_app(tmp_path)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    users(app, "carol")
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        units = [(u.id, u.uid, u.version, u.mt) for u in doc.units[:2]]
        po_file = publishing.po_path(app.config["TRANSLATIONS_DIR"], doc)
    # A long delay and no healing of stale files (a worker's first look would rewrite the
    # file at once): nothing is written in the background while the test runs, so the file
    # can only be up to date after the stop if every worker wrote its pending file on exit.
    server = Gunicorn(tmp_path, app.config["DATABASE_URL"], PO_WRITE_DELAY=600,
                      PO_HEAL="false")
    with server:
        browser = Browser(server.port)
        assert browser.sign_in("carol", PASSWORD) == 303
        browser.get("/")
        saved = {}
        for (unit_id, uid, version, mt), target in zip(units, server.workers()):
            with server.only(target):
                text = f"{mt} (saved by worker {target})"
                assert browser.save(unit_id, text, version) == 200
                saved[uid] = text
        stale = {e.context: e.target for e in po.read_po(po_file)}
        assert all(stale[uid] != text for uid, text in saved.items())
    assert server.process.returncode == 0
    written = {e.context: e.target for e in po.read_po(po_file)}
    assert {uid: written[uid] for uid in saved} == saved
    assert len(set(server.served("POST", "/units/", 200))) == 2
