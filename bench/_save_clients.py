"""Paced editors for bench/save, run in a process of their own (not the server's).

Each editor is a thread that saves its own units one after another, waiting between two saves
a think time drawn uniformly from 0.5 to 1.5 times `pace` seconds (seeded), the editors'
first saves spread over one pace. This is an open workload: the offered rate is
editors / pace saves per second whatever the server's speed, so the latency measured is that
of a request arriving at a server with that load, not of a queue that the clients keep full
(as the closed-loop runs of bench/save do). Only the standard library: http.client.
"""
import http.client
import random
import re
import threading
import time
import urllib.parse


def post(port, cookie, path, form):
    """One POST; returns (seconds, status)."""
    took, status, _ = post_read(port, cookie, path, form)
    return took, status


def post_read(port, cookie, path, form):
    """One POST (htmx, as the browser's row sends it); returns (seconds, status, body)."""
    body = urllib.parse.urlencode(form)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
               "HX-Request": "true"}
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("POST", path, body, headers)
    response = conn.getresponse()
    answer = response.read()
    conn.close()
    return time.perf_counter() - start, response.status, answer


_VERSION = re.compile(rb'name="version" value="(\d+)"')


def version_in(editor):
    """The unit's current version in a 409's body: the editor that the browser swaps in
    after an edit conflict carries it (templates/_unit_editor.html), and the next save of
    that editor is based on it. None when the body has none."""
    found = _VERSION.search(editor)
    return int(found.group(1)) if found else None


def paced(port, cookie, *, editors, pace, total, seconds, units, noop, seed=8, tag=""):
    """`units`: (id, version, text) to save, split among the editors, each save appending
    "[tag editor.request]" to the text (`tag`: one per run, so that no save repeats a text);
    with `noop`, every request goes to the floor route instead. Stops after `total` requests
    in all or `seconds` (a request already started finishes). Returns (latencies, statuses,
    wall)."""
    latencies, statuses, lock = [], {}, threading.Lock()
    budget = [total]
    start = time.perf_counter()
    deadline = time.monotonic() + seconds

    def editor(k):
        rng = random.Random(seed * 1000 + k)
        mine = units[k::editors]
        versions = {uid: version for uid, version, _ in mine}
        time.sleep(rng.uniform(0, pace))
        i = 0
        while time.monotonic() < deadline:
            with lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            if noop:
                took, status = post(port, cookie, "/_bench/noop", {"text": "x", "version": "1"})
            else:
                uid, _, text = mine[i % len(mine)]
                took, status = post(port, cookie, f"/units/{uid}",
                                    {"text": f"{text} [{tag}{k}.{i}]",
                                     "version": versions[uid]})
                versions[uid] += status == 200
            with lock:
                latencies.append(took)
                statuses[status] = statuses.get(status, 0) + 1
            i += 1
            time.sleep(rng.uniform(0.5 * pace, 1.5 * pace))

    threads = [threading.Thread(target=editor, args=(k,)) for k in range(editors)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, statuses, time.perf_counter() - start


def worker(tmp, without_grammalecte):
    """`flask --app app worker` (app/workers/service.py) on the save bench's database in
    `tmp`, for `bench/save --worker` (a spawned process: this module, not the script)."""
    import _common as c
    from app.workers import service

    if without_grammalecte:
        from app.core import grammar

        grammar.GRAMMALECTE_DIRS = ()
    app = c.make_app(tmp, IMPORT_JOBS_INLINE=False, BACKGROUND_WORKER=True)
    service.run(app)
