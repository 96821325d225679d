"""Locust users for bench/load (run by it, not on their own): each user is one editor.

Every editor was signed in through the sign-in form by bench/load beforehand (its session
cookie and CSRF token are in the plan, so the timed run holds only saves). It saves as the
browser's inline editor does: POST /units/<id> with the text, the version the edit is based
on, the CSRF token in the X-CSRFToken header and HX-Request. After a 200 the unit is one
version further; after a 409 (someone else saved first) the editor takes the version from
the conflict view the server sent back, as a person choosing "keep mine" would, and goes on.
In "noop" mode the editor posts to the no-op endpoint instead (the framework floor).

With "api" in the plan (bench/load --api, issue 21) an editor is a pipeline: it sends its
write token (Authorization: Bearer) and saves by PUT on the unit's API address with a JSON
body {"text", "version"}; a 409 problem carries `current_version`, which it takes. Its floor
is POST /_bench/api-noop (the token checked, nothing else).

The plan (JSON file named by LOAD_PLAN) says the mode and, per editor, a name, its session
cookie and CSRF token, and the units it edits with their starting versions and texts. Every
request is timed here; on exit the results (acknowledged saves, statuses, latencies) go to the
JSON file named by LOAD_OUT.
"""
import itertools
import json
import os
import random
import re
import time
import urllib.parse

from locust import FastHttpUser, constant, events, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())
VERSION = re.compile(r'name="version" value="(\d+)"')
RESULTS = {"acks": [], "timings": [], "statuses": {}, "errors": []}
_numbers = itertools.count()
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
API = PLAN.get("api", False)


def _record(start, end, status):
    RESULTS["timings"].append((start, end - start))
    RESULTS["statuses"][str(status)] = RESULTS["statuses"].get(str(status), 0) + 1


class Editor(FastHttpUser):
    wait_time = constant(0)  # saturate: the next save as soon as the last one is answered
    network_timeout = 120.0
    connection_timeout = 60.0

    def on_start(self):
        n = next(_numbers)
        self.me = PLAN["editors"][n % len(PLAN["editors"])]
        self.versions = {uid: version for uid, version, _ in self.me["units"]}
        self.texts = {uid: text for uid, _, text in self.me["units"]}
        self.order, self.count = list(self.versions), 0
        self.rng = random.Random(n)
        if API:
            self.bearer = {"Authorization": f"Bearer {self.me['bearer']}",
                           "Content-Type": "application/json", "User-Agent": PLAN["user_agent"]}
        else:
            self.cookie, self.token = self.me["cookie"], self.me["token"]

    def _api(self, method, path, body, name):
        start = time.perf_counter()
        response = self.client.request(method, path, data=json.dumps(body),
                                       headers=self.bearer, name=name)
        _record(start, time.perf_counter(), response.status_code)
        return response

    def _post(self, path, form):
        headers = {**FORM, "HX-Request": "true", "X-CSRFToken": self.token,
                   "Cookie": self.cookie, "User-Agent": PLAN["user_agent"]}
        start = time.perf_counter()
        response = self.client.post(path, data=urllib.parse.urlencode(form), headers=headers,
                                    allow_redirects=False, name=path.rsplit("/", 1)[0])
        end = time.perf_counter()
        _record(start, end, response.status_code)
        cookie = response.headers.get("Set-Cookie") if response.headers else None
        if cookie:  # keep the session cookie by hand, as the plan gave it
            self.cookie = cookie.split(";")[0]
        self.client.cookiejar.clear()
        return response

    @task
    def act(self):
        if PLAN["mode"] == "noop":
            if API:
                self._api("POST", "/_bench/api-noop", {}, "/_bench/api-noop")
            else:
                self._post("/_bench/noop", {"text": "x", "version": "1"})
            return
        self.count += 1
        if PLAN["mode"] == "distinct":  # my own units, in turn
            uid = self.order[self.count % len(self.order)]
        else:  # the shared units, at random
            uid = self.rng.choice(self.order)
        base = self.versions[uid]
        # Unique across runs: a text equal to the unit's current one would be no change (200,
        # no new version) and would throw the editor's versions off.
        text = f"{self.texts[uid]} [{self.me['name']} {PLAN['run']} #{self.count}]"
        if API:
            response = self._api("PUT", PLAN["paths"][str(uid)],
                                 {"text": text, "version": base}, "/api/v1/.../units/<uid>")
        else:
            response = self._post(f"/units/{uid}", {"text": text, "version": base})
        if response.status_code == 200:
            self.versions[uid] = base + 1
            RESULTS["acks"].append((self.me["name"], uid, base + 1, text))
        elif response.status_code == 409:
            current = (_current_version(response.text) if API
                       else VERSION.search(response.text or ""))
            if current:
                self.versions[uid] = int(current if API else current[1])
        elif len(RESULTS["errors"]) < 20:
            RESULTS["errors"].append(f"{self.me['name']}: unit {uid} answered "
                                     f"{response.status_code}: {(response.text or '')[:200]}")


def _current_version(body):
    """The `current_version` of a 409 problem (None when the body is not one)."""
    try:
        return json.loads(body or "")["current_version"]
    except (ValueError, KeyError, TypeError):
        return None


@events.quitting.add_listener
def _write_results(environment, **_kwargs):
    with open(os.environ["LOAD_OUT"], "w", encoding="utf-8") as out:
        json.dump(RESULTS, out)
