"""A pipeline's round trip (issue 21): `flask remote push` sends a machine-translated PO to
the workbench served on 127.0.0.1, a reviewer fixes a segment in Chromium, the segments are
approved through the API, `flask remote pull` writes the reviewed PO: the same as
tests/data/api_pipeline.expected.po (its revision date aside), and valid for
`msgfmt --check`."""
import json
import re
import subprocess
import urllib.request

from playwright.sync_api import expect

from tests.conftest import require_tool
from tests.e2e.conftest import SCREENSHOTS, USER
from tests.web.api_helpers import user_token
from tests.web.test_remote_client import DATA, PO_FILE, remote

EXPECTED = DATA / "api_pipeline.expected.po"
REVISION_DATE = re.compile(rb'^"PO-Revision-Date: [^"]*"$', re.M)


def _api(root, token, method, path, body=None):
    request = urllib.request.Request(
        root + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def _approve_all(root, token, slug):
    url = f"/api/v1/documents/{slug}/units?limit=200"
    for unit in _api(root, token, "GET", url)["items"]:
        approved = _api(root, token, "POST", f"/api/v1/documents/{slug}/units/{unit['uid']}"
                                             "/approve", {"version": unit["version"]})
        assert approved["state"] == "approved"


def test_push_edit_in_the_browser_approve_pull(live_app, page, tmp_path):
    msgfmt = require_tool("msgfmt", "the pulled PO file is checked with msgfmt --check")
    root = live_app.config["LIVE_URL"]
    token = user_token(live_app, USER)

    code, out, err = remote(tmp_path, root, token, "push", str(PO_FILE))
    assert code == 0, err
    slug = out.strip().rsplit("/", 1)[1]
    code, _, err = remote(tmp_path, root, token, "status", slug)
    assert code == 1 and "not approved" in err

    page.goto(out.strip())
    page.wait_for_load_state("load")
    row = page.locator("tr.unit", has=page.locator(".tgt-text", has_text="Les settings")).first
    expect(row.locator("mark.flag", has_text="settings")).to_be_visible()
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").click()
    editor = page.locator(f"#{row_id} textarea")
    expect(editor).to_be_focused()
    editor.fill("Les paramètres sont désormais enregistrés automatiquement.")
    editor.press("Enter")
    saved = page.locator(f"#{row_id}")
    expect(saved.locator(".tgt-text")).to_contain_text("Les paramètres sont désormais")
    expect(saved.locator(".badge")).to_have_text("edited")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-pipeline-edited.png"))

    _approve_all(root, token, slug)
    page.reload()
    expect(page.locator("#progress .counter.approved b")).to_have_text("4")

    code, out, err = remote(tmp_path, root, token, "pull", slug, "-o", "reviewed.po")
    assert code == 0, err
    pulled = (tmp_path / "reviewed.po").read_bytes()
    assert REVISION_DATE.search(pulled)
    assert REVISION_DATE.sub(b"", pulled) == REVISION_DATE.sub(b"", EXPECTED.read_bytes())
    checked = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(tmp_path / "reviewed.po")],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
