#!/usr/bin/env python3
"""What a token costs an API request (issue 21): in one process (Flask's test client, SQLite,
the sample loaded), the median time of GET requests that stop at each step, alternated so
that the machine's load falls on all of them alike:

- 401: no token (no database read);
- auth: a valid token, then a job that does not exist (404): the token lookup, its user,
  one job read;
- document: GET /api/v1/documents/SLUG (auth, access check, the document and its progress);
- description: GET /api/v1/openapi.json (no token; built once per process).

    .venv/bin/python bench/api_auth                  # 300 rounds
    .venv/bin/python bench/api_auth --rounds 1000

Nothing is asserted.
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import _common as c  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    from app.store import accounts, session_scope, tokens

    with tempfile.TemporaryDirectory() as tmp:
        app = c.make_app(tmp, API_RATE_LIMIT="1000000/minute")
        app.test_cli_runner().invoke(args=["load-sample"])
        c.create_user(app)
        with session_scope(app) as session:
            _, secret = tokens.create(session, accounts.find_user(session, c.USERNAME),
                                      name="bench", scope="read")
        client, token = app.test_client(), {"Authorization": f"Bearer {secret}"}
        slug = client.get("/api/v1/documents", headers=token).get_json()["items"][0]["slug"]
        steps = {"401 (no token)": ("/api/v1/jobs/999999", {}),
                 "auth + 404 job": ("/api/v1/jobs/999999", token),
                 "document": (f"/api/v1/documents/{slug}", token),
                 "description": ("/api/v1/openapi.json", {})}
        times = {name: [] for name in steps}
        for _ in range(args.rounds):
            for name, (url, headers) in steps.items():
                start = time.perf_counter()
                client.get(url, headers=headers).close()
                times[name].append((time.perf_counter() - start) * 1000)
    print(f"{args.rounds} rounds, {c.machine()}")
    c.table(["request", "p50 ms", "p90 ms"],
            [(name, f"{c.median(v):.2f}", f"{c.percentile(v, 90):.2f}")
             for name, v in times.items()])


if __name__ == "__main__":
    main()
