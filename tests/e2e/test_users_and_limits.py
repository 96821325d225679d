"""In Chromium: an admin deactivates a user on the Users page, the refusal to deactivate the
last active admin is shown with its reason, and a regex the search engine cannot run answers
with what and where (issue 15)."""
import re

from playwright.sync_api import expect

from app.store import accounts, documents, session_scope
from tests.e2e.conftest import SCREENSHOTS, USER


def test_an_admin_deactivates_a_user_and_cannot_deactivate_the_last_admin(page, live_app):
    with session_scope(live_app) as session:
        accounts.create_user(session, "camille", "correct horse battery", "translator")
    page.goto(live_app.config["LIVE_URL"] + "/users")
    page.get_by_role("button", name="Deactivate camille").click()
    expect(page.get_by_role("row", name=re.compile("camille"))).to_contain_text("(deactivated)")
    expect(page.get_by_role("button", name="Reactivate camille")).to_be_visible()
    page.get_by_role("button", name=f"Deactivate {USER}").click()
    expect(page.locator(".error-box")).to_contain_text("last active admin")
    page.screenshot(path=str(SCREENSHOTS / "users-last-admin.png"), full_page=True)
    with session_scope(live_app) as session:
        assert not accounts.find_user(session, "camille").active
        assert accounts.find_user(session, USER).active


def test_a_regex_the_engine_cannot_run_is_refused_with_its_position(page, live_app):
    with session_scope(live_app) as session:
        slug = documents.list_documents(session)[0].slug
    page.goto(live_app.config["LIVE_URL"] + f"/documents/{slug}")
    page.get_by_text("Find and replace").click()
    panel = page.locator("form.replace")
    panel.get_by_label("Find").fill("l(?=s)")
    panel.get_by_label("Replace with").fill("x")
    panel.get_by_label("regex").check()
    panel.get_by_role("button", name="Preview").click()
    expect(page.locator("#replace-preview")).to_contain_text("not supported at position 2")
    page.screenshot(path=str(SCREENSHOTS / "replace-refused-lookahead.png"))
