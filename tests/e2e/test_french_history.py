"""A segment's History in French (issue 19), in Chromium with a French browser: after an
edit, the History lists its revisions with their kinds named in French ("modification",
"importation"), the Undo button names the change in French, and no English word of the
interface is left on the page. Screenshot: fr-history.png."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, SCREENSHOTS, USER
from tests.e2e.test_french_interface import SAMPLE_TITLE, assert_french, french_browser
from tests.e2e.test_review_loop import row_with


def test_a_segments_history_names_its_revisions_in_french(browser, live_app):
    base = live_app.config["LIVE_URL"]
    context, page, errors = french_browser(browser)
    page.goto(base + "/login")
    page.get_by_label("Nom d’utilisateur").fill(USER)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(base + "/")
    page.get_by_role("link", name=re.compile(SAMPLE_TITLE)).click()
    page.wait_for_load_state("load")

    row = row_with(page, "au level où")
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").click()
    area = page.locator(f"#{row_id} textarea")
    area.fill(area.input_value().replace("au level où", "au point où"))
    page.locator(f"#{row_id}").get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(f"#{row_id} .badge")).to_have_text("modifié")
    expect(page.locator("#oplog")).to_contain_text(
        re.compile(r"Annuler\s*:\s*modification du segment \d+"))

    page.locator(f"#{row_id} .tgt-text").click()
    page.locator(f"#{row_id}").get_by_role("button", name="Historique", exact=True).click()
    history = page.locator(f"#{row_id} .history")
    expect(history).to_contain_text(re.compile(r"v2 · modification · " + USER))
    expect(history).to_contain_text(re.compile(r"v1 · importation · "))
    assert_french(page, "a segment's History")
    history.locator("li").last.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "fr-history.png"))
    context.close()
    assert errors == []
