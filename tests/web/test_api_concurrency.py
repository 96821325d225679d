"""Two pipelines saving one unit at once through the API (issue 21), as real clients of a real
server on 127.0.0.1 in two threads released together: of two saves based on one version one
is acknowledged (200), the other is a 409 with the winner's text and version, and the text
acknowledged is the unit's, in its history: no lost update."""
import json
import threading
import urllib.error
import urllib.request

from app.store import documents, session_scope
from tests.web.api_helpers import sample, serving, user_token


def _put(url, token, body, start):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="PUT",
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})
    start.wait()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_two_clients_one_version_one_200_one_409(app):
    slug, uids = sample(app)
    tokens = [user_token(app, "ana"), user_token(app, "ben")]
    with serving(app) as root:
        for uid in uids[:4]:
            url = f"{root}/api/v1/documents/{slug}/units/{uid}"
            start, answers = threading.Barrier(2), [None, None]

            def save(k):
                answers[k] = _put(url, tokens[k], {"text": f"Texte du client {k} ({uid}).",
                                                   "version": 1}, start)
            threads = [threading.Thread(target=save, args=(k,)) for k in (0, 1)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
            statuses = sorted(status for status, _ in answers)
            assert statuses == [200, 409], answers
            (_, won), (_, lost) = sorted(answers, key=lambda a: a[0])
            assert lost["current_text"] == won["text"] and lost["current_version"] == 2
            with session_scope(app) as session:
                doc = documents.get_document(session, slug)
                unit = next(u for u in doc.units if u.uid == uid)
                assert (unit.target, unit.version) == (won["text"], 2)
                assert [r.text for r in unit.revisions][-1] == won["text"]
