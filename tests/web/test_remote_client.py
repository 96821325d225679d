"""`flask --app app remote push|status|pull` (issue 21) run as a real command, in a child
process, against the workbench served on 127.0.0.1 by a real HTTP server: push waits for the
import and prints the document's address; status and pull exit 0 when every segment is
approved and no more findings than --max-findings remain, 1 otherwise, 2 on any error (one
line on stderr, no traceback)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.store import documents, session_scope
from tests.web.api_helpers import auth, serving, user_token

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
PO_FILE = DATA / "api_pipeline.po"


def remote(cwd, url, token, *args):
    """Run `flask remote ARGS` in a child process: (exit status, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "WORKBENCH_"))}
    env.update(WORKBENCH_URL=url, WORKBENCH_TOKEN=token)
    done = subprocess.run([sys.executable, "-m", "flask", "--app", str(ROOT / "app"), "remote",
                           *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    return done.returncode, done.stdout, done.stderr


def one_line_error(stderr):
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    return lines[0]


@pytest.fixture
def served(app):
    with serving(app) as url:
        yield url


def _document(app, slug):
    with session_scope(app) as session:
        doc = documents.get_document(session, slug)
        return doc and [(u.uid, u.version, u.findings and [f.id for f in u.findings])
                        for u in doc.units if u.active]


def _finish_review(client, app, slug, token):
    """Approve every unit and dismiss every finding through the API (a reviewer's token)."""
    base = f"/api/v1/documents/{slug}"
    for uid, version, finding_ids in _document(app, slug):
        for finding_id in finding_ids or ():
            response = client.post(f"{base}/findings/{finding_id}/dismiss", headers=auth(token),
                                   json={"reason": "checked"})
            assert response.status_code == 200, response.get_data(as_text=True)
        response = client.post(f"{base}/units/{uid}/approve", headers=auth(token),
                               json={"version": version})
        assert response.status_code == 200, response.get_data(as_text=True)


def test_push_status_pull_with_exit_codes(app, served, tmp_path):
    token = user_token(app, "ci", role="reviewer")
    code, out, err = remote(tmp_path, served, token, "push", str(PO_FILE))
    assert code == 0, err
    url = out.strip()
    assert url.startswith(served + "/documents/") and "\n" not in url
    slug = url.rsplit("/", 1)[1]
    assert f"imported as {slug}" in err
    assert len(_document(app, slug)) == 4

    code, out, err = remote(tmp_path, served, token, "status", slug)
    assert code == 1, err
    assert "segments 4: approved 0" in out and "open findings" in out
    assert "4 of 4 segments not approved" in err

    code, out, err = remote(tmp_path, served, token, "pull", slug, "-o", "out.po")
    assert code == 1 and (tmp_path / "out.po").exists(), err
    assert "Les settings" in (tmp_path / "out.po").read_text(encoding="utf-8")

    _finish_review(app.test_client(), app, slug, token)
    code, out, err = remote(tmp_path, served, token, "status", slug)
    assert (code, err) == (0, ""), out
    assert "segments 4: approved 4" in out and "open findings 0" in out
    code, _, err = remote(tmp_path, served, token, "pull", slug)
    assert code == 0, err
    pulled = (tmp_path / f"{slug}.po").read_bytes()
    export = app.test_client().get(f"/api/v1/documents/{slug}/export", headers=auth(token))
    assert pulled == export.data and b"#, fuzzy" not in pulled.split(b"\n\n", 1)[1]


def test_max_findings_allows_open_findings(app, served, tmp_path):
    token = user_token(app, "ci", role="reviewer")
    code, out, _ = remote(tmp_path, served, token, "push", str(PO_FILE), "--title", "Notes")
    slug = out.strip().rsplit("/", 1)[1]
    client = app.test_client()
    for uid, version, _ in _document(app, slug):
        client.post(f"/api/v1/documents/{slug}/units/{uid}/approve", headers=auth(token),
                    json={"version": version})
    open_findings = sum(len(ids or ()) for _, _, ids in _document(app, slug))
    assert open_findings > 0
    code, _, err = remote(tmp_path, served, token, "status", slug)
    assert code == 1 and f"{open_findings} open findings (more than --max-findings 0)" in err
    code, _, err = remote(tmp_path, served, token, "status", "--max-findings",
                          str(open_findings), slug)
    assert code == 0, err


def test_push_a_text_pair(app, served, tmp_path):
    (tmp_path / "en.txt").write_text("The bridge is closed. Traffic is diverted.\n")
    (tmp_path / "fr.txt").write_text("Le pont est fermé. La circulation est déviée.\n")
    token = user_token(app, "ci")
    code, out, err = remote(tmp_path, served, token, "push", "en.txt", "fr.txt",
                            "--target-lang", "fr", "--title", "Bridge")
    assert code == 0, err
    assert _document(app, out.strip().rsplit("/", 1)[1])


def test_errors_exit_2_with_one_line(app, served, tmp_path):
    token = user_token(app, "ci")
    read = user_token(app, "ci", scope="read")
    (tmp_path / "bad.po").write_text('msgid "a"\nmsgstr "b"\nmsgid\n')
    (tmp_path / "notes.docx").write_text("x")
    cases = [
        ((served, "wb_not-a-token", "status", "anything"), "401"),
        ((served, token, "status", "no-such-document"), "404"),
        ((served, read, "push", str(PO_FILE)), "403"),
        ((served, token, "push", "missing.po"), "missing.po: cannot read"),
        ((served, token, "push", "notes.docx"), "push takes a .po or .tmx file"),
        ((served, token, "push", "bad.po"), "bad.po"),
        ((served, token, "push", "en.txt", "fr.txt"), "--target-lang is needed"),
        (("http://127.0.0.1:9", token, "status", "x"), "cannot reach http://127.0.0.1:9"),
        (("ftp://example.org", token, "status", "x"), "--url must be"),
        ((served, "", "status", "x"), "no API token"),
    ]
    for (url, secret, *args), expected in cases:
        code, _, err = remote(tmp_path, url, secret, *args)
        assert code == 2, (args, err)
        assert expected in one_line_error(err), (args, err)
