"""The clients of bench/save, run in the bench's process or in a process of their own (only
the standard library: http.client).

`closed`: closed-loop clients, each sending its next request as soon as the last one is
answered: they keep a queue in front of the server, whose latency is then that queue's.
`paced`: paced editors, each thread saving its own units one after another, waiting between
two saves a think time drawn uniformly from 0.5 to 1.5 times `pace` seconds (seeded), the
editors' first saves spread over one pace. This is an open workload: the offered rate is
editors / pace saves per second whatever the server's speed, so the latency measured is that
of a request arriving at a server with that load.
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


def closed(port, cookie, *, clients, total, seconds, mode, units, tag, draft_first=False):
    """bench/save's closed-loop run: `total` requests split over `clients` threads, each
    sending its next request as soon as the last one is answered, until `seconds` pass.
    `mode`: "noop" (the floor route), "distinct" (each client saves its own share of `units`,
    round robin, the version tracked) or "contended" (every client saves the first unit; after
    a 409 it takes the unit's version from the editor answered, as the browser does). `units`:
    (id, version, text); each save appends "[tag.client.request]" to the text. `draft_first`:
    each save follows the (untimed) autosave of its text as a draft. Returns (latencies,
    statuses, wall)."""
    latencies, statuses, lock = [], {}, threading.Lock()
    deadline = time.monotonic() + seconds
    per_client = max(1, total // clients)
    barrier = threading.Barrier(clients)

    def client(k):
        mine = units[k::clients] if mode == "distinct" else units[:1]
        versions = {uid: version for uid, version, _ in mine}
        barrier.wait()
        for i in range(per_client):
            if time.monotonic() > deadline:
                break
            if mode == "noop":
                took, status = post(port, cookie, "/_bench/noop", {"text": "x", "version": "1"})
            else:
                uid, _, text = mine[i % len(mine)]
                form = {"text": f"{text} [{tag}.{k}.{i}]", "version": versions[uid]}
                if draft_first:
                    post(port, cookie, f"/units/{uid}/draft", form)
                took, status, answer = post_read(port, cookie, f"/units/{uid}", form)
                if status == 200:
                    versions[uid] += 1
                elif status == 409:
                    versions[uid] = version_in(answer)
                    if versions[uid] is None:
                        raise RuntimeError(f"a 409 without the unit's version: {answer[:200]!r}")
            with lock:
                latencies.append(took)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, statuses, time.perf_counter() - start


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
    service.give_way()  # as `flask worker` does
    service.run(app)
