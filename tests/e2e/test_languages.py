"""Languages in Chromium (issue 20): the new-document page offers the languages with a
profile, named in the interface language; a German target's number and quotation findings
are shown on its document page."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, SERVER_WAIT_MS, sign_in


@pytest.fixture
def french_page(browser, live_app):
    """A signed-in page whose browser asks for French (Accept-Language: fr-FR)."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(SERVER_WAIT_MS)
    page.goto(live_app.config["LIVE_URL"] + "/login")
    page.locator('input[name="username"]').fill("reviewer-e2e")
    page.locator('input[name="password"]').fill("correct horse battery")
    page.locator('form button[type="submit"]').click()
    page.wait_for_url(live_app.config["LIVE_URL"] + "/")
    yield page
    context.close()


def test_new_document_offers_profiled_languages_named_in_french(french_page, live_app):
    page = french_page
    page.goto(live_app.config["LIVE_URL"] + "/documents/new")
    options = page.locator("datalist#languages option")
    expect(options).to_have_count(12)
    labels = dict(zip(options.evaluate_all("os => os.map(o => o.value)"),
                      options.evaluate_all("os => os.map(o => o.label)")))
    assert labels["de"] == "Allemand" and labels["ja"] == "Japonais" and "sv" not in labels
    page.locator('#target_lang').fill("")
    page.locator('#target_lang').focus()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "new-document-languages-fr.png"))


def test_german_target_findings_are_shown(page, live_app):
    page.goto(live_app.config["LIVE_URL"] + "/documents/new")
    page.get_by_label("Title").fill("Bericht")
    page.locator('#target_lang').fill("de")
    page.locator('textarea[name="reference_text"]').fill(
        'About 3,000 people came. Growth was 7.5 percent. Click "Save" now.')
    page.locator('textarea[name="target_text"]').fill(
        'Etwa 3,000 Menschen kamen. Das Wachstum betrug 7.5 Prozent. '
        'Klicken Sie jetzt auf "Speichern".')
    page.get_by_role("button", name="Import, align and check").click()
    page.wait_for_url(re.compile(r"/documents/bericht$"))
    body = page.locator("body")
    expect(body).to_contain_text("English reference \u2192 German machine translation")
    expect(body).to_contain_text("3 flagged")
    page.get_by_text("Etwa 3,000 Menschen kamen.").click()   # the editor lists its findings
    expect(body).to_contain_text("German groups digits with a point")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "german-findings.png"), full_page=True)
