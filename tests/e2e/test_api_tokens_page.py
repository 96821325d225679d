"""API tokens on the Preferences page in Chromium (issue 21): a reviewer makes a write token,
sees its secret once (no axe violation on the page showing it), the token works against the
live server's API, a reload shows only its prefix, and revoking it stops it."""
import json
import urllib.error
import urllib.request

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.test_accessibility import WCAG_TAGS, shot


def api_status(base, secret):
    request = urllib.request.Request(base + "/api/v1/documents",
                                     headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def no_violations(page):
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    assert [v["id"] for v in result.response["violations"]] == []


def test_make_use_and_revoke_a_token_from_the_preferences_page(live_app, page):
    base = live_app.config["LIVE_URL"]
    page.goto(base + "/preferences#api-tokens")
    expect(page.get_by_text("You have no API token.")).to_be_visible()
    page.get_by_label("Name (what will use it)").fill("Nightly CI")
    page.get_by_label("Write: read, and change documents and segments").check()
    page.get_by_role("button", name="Make a token").click()
    secret_box = page.get_by_label("Your new token")
    expect(secret_box).to_be_visible()
    secret = secret_box.input_value()
    assert secret.startswith("wb_") and len(secret) == 46
    expect(page.get_by_role("cell", name=f"{secret[:11]}…", exact=True)).to_be_visible()
    page.locator("#api-tokens").scroll_into_view_if_needed()
    shot(page, "api-token-made.png")
    no_violations(page)

    status, body = api_status(base, secret)
    assert status == 200 and body["items"][0]["slug"]

    page.goto(base + "/preferences")
    expect(page.get_by_label("Your new token")).to_have_count(0)
    assert secret not in page.content()
    page.get_by_role("button", name=f"Revoke the token {secret[:11]}… (Nightly CI)").click()
    expect(page.get_by_text(f"Token {secret[:11]}… revoked: it no longer works.")).to_be_visible()
    shot(page, "api-token-revoked.png")
    status, body = api_status(base, secret)
    assert status == 401 and body["title"] == "Unauthorized"
