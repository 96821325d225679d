"""Admission: at most MAX_ACTIVE_REQUESTS requests of a server process at a time in the app,
the others waiting their turn in the order they arrived (0: no limit).

Why (issue 14: a save's p95 within 3x its floor): one Python process runs one thread at a
time, so requests let in together do not finish sooner, they share the interpreter. Twenty
saves in flight at once each took twenty times longer, and in no particular order: which
thread runs next after a database call is the operating system's pick, so some saves waited
many more turns than others (p95 1.5x the p50 in bench/save with 20 clients). Let in a few
at a time, in arrival order, the same work ends with the same throughput and a latency that
depends on the place in the queue (p95 1.2-1.3x the p50).

The limit is that of the deploy recipe (deploy/gunicorn.conf.py: 4 threads a worker
process, each serving one request at a time), which gunicorn already enforces there; the
development server (`flask run`, `make run`) starts a thread a request, and this gives it
the same bound. A few requests at a time rather than one: a request that waits for the
database (SQLite's write lock, a PostgreSQL row) lets the next one in run meanwhile.

A request waits for its turn in a hook that runs before the app's own (`_enter`), after
CSRF's check, which reads a form's body first; it leaves its turn once the request is over,
whatever the outcome (an error too). A response's body sent after the view returned (a file
download) does not hold a turn. (A body sent slowly is read in the turn: behind the deploy
recipe's nginx, which receives a body whole before passing the request on, it is not.)
"""
import threading
from collections import deque

from flask import request


class Turns:
    """A counting semaphore that lets waiting threads in first come, first served (Python's
    own Semaphore wakes a waiter, but a thread arriving meanwhile may take the place first)."""

    def __init__(self, size):
        if size < 1:
            raise ValueError(f"a number of turns must be at least 1, not {size}")
        self._free, self._mutex, self._waiting = size, threading.Lock(), deque()

    def enter(self):
        """Wait for a turn (at once when one is free and nobody waits)."""
        with self._mutex:
            if self._free:
                self._free -= 1
                return
            mine = threading.Lock()
            mine.acquire()
            self._waiting.append(mine)
        mine.acquire()  # released by `leave`, which hands this thread its turn

    def leave(self):
        """Give the turn back: to the thread that has waited longest, if any."""
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._free += 1

    @property
    def waiting(self):
        """How many threads wait for a turn now."""
        return len(self._waiting)


def init_app(app):
    """Let requests in by turns (MAX_ACTIVE_REQUESTS of them at a time; none when 0). The
    turn is taken by a hook that runs after those registered before it (CSRF's check,
    which reads the form), and given back once the request is over, its teardown included
    (Flask's teardown functions run in reverse order: the app's own, such as the database
    session's end, would run after one registered here)."""
    size = int(app.config.get("MAX_ACTIVE_REQUESTS") or 0)
    if size <= 0:
        return
    turns = app.extensions["workbench.turns"] = Turns(size)

    @app.before_request
    def _enter():
        turns.enter()
        request.environ[_TURN] = True

    inner = app.wsgi_app

    def admitted(environ, start_response):
        try:
            return inner(environ, start_response)
        finally:
            if environ.pop(_TURN, False):
                turns.leave()

    app.wsgi_app = admitted


_TURN = "workbench.turn"  # in a request's WSGI environ while it holds a turn
