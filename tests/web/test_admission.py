"""Requests let in by turns (app/web/admission.py, issue 14): at most MAX_ACTIVE_REQUESTS in
the app at a time, the others waiting in arrival order; a turn is given back whatever the
request's outcome; 0 lets every request in at once."""
import threading
import time

import pytest

from app.web.admission import Turns
from tests.web.conftest import login, make_app

WAIT = 20  # seconds a step may take before the test fails (a thread that never got its turn)


def _until(condition, what):
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting for {what} after {WAIT} s")
        time.sleep(0.005)


def test_turns_are_taken_in_arrival_order():
    turns, order = Turns(1), []
    turns.enter()  # the one turn taken: every thread below waits

    def waiter(k):
        turns.enter()
        order.append(k)
        turns.leave()

    threads = []
    for k in range(5):  # each queued before the next one starts
        threads.append(threading.Thread(target=waiter, args=(k,)))
        threads[-1].start()
        _until(lambda: turns.waiting == k + 1, f"waiter {k} to queue")
    turns.leave()
    for thread in threads:
        thread.join(WAIT)
    assert order == [0, 1, 2, 3, 4]
    assert turns.waiting == 0


def test_free_turns_are_taken_at_once_and_counted_back():
    turns = Turns(2)
    turns.enter()
    turns.enter()
    assert turns.waiting == 0
    turns.leave()
    turns.enter()  # the turn given back is free again: no wait
    turns.leave()
    turns.leave()
    with pytest.raises(ValueError):
        Turns(0)


def _app_holding(tmp_path, size):
    """An app letting in `size` requests at a time, with a route that holds its request
    until told to go (`hold`), and a signed-in client factory."""
    app = make_app(tmp_path, MAX_ACTIVE_REQUESTS=size)
    inside, go = threading.Semaphore(0), threading.Event()

    def hold():
        inside.release()
        go.wait(WAIT)
        return "", 204

    def fail():
        raise RuntimeError("a view that fails")

    app.add_url_rule("/_test/hold", "test_hold", hold, methods=["POST"])
    app.add_url_rule("/_test/fail", "test_fail", fail)
    app.add_url_rule("/_test/quick", "test_quick", lambda: ("", 204), methods=["POST"])
    return app, inside, go


def _in_thread(client, path, done, **kwargs):
    def run():
        done.append((path, client.post(path, **kwargs).status_code))
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_request_waits_while_the_turns_are_taken(tmp_path):
    app, inside, go = _app_holding(tmp_path, 1)
    first, second, done = login(app), login(app), []
    holder = _in_thread(first, "/_test/hold", done)
    assert inside.acquire(timeout=WAIT)  # the first request holds the one turn
    turns = app.extensions["workbench.turns"]
    waiter = _in_thread(second, "/_test/quick", done, data={"text": "x"})
    _until(lambda: turns.waiting == 1, "the second request to queue")
    assert done == []  # it waits; it does not run beside the first
    go.set()
    holder.join(WAIT)
    waiter.join(WAIT)
    assert done == [("/_test/hold", 204), ("/_test/quick", 204)]
    assert turns.waiting == 0


def test_a_failed_request_gives_its_turn_back(tmp_path):
    app, _, _ = _app_holding(tmp_path, 1)
    client = login(app)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # the error page, as a server answers
    assert client.get("/_test/fail").status_code == 500
    done = []
    _in_thread(client, "/_test/quick", done).join(WAIT)
    assert done == [("/_test/quick", 204)]  # the turn was free again


def test_no_limit_lets_every_request_in_at_once(tmp_path):
    app, inside, go = _app_holding(tmp_path, 0)
    assert "workbench.turns" not in app.extensions
    done = []
    threads = [_in_thread(login(app), "/_test/hold", done) for _ in range(3)]
    for _ in threads:  # all three inside the view together
        assert inside.acquire(timeout=WAIT)
    go.set()
    for thread in threads:
        thread.join(WAIT)
    assert sorted(done) == [("/_test/hold", 204)] * 3
