"""In Chromium (issue 19): keys.js writes the messages the page gives it (base.html's JSON data
block #ui-strings, translated on the server) rather than English of its own; the Preferences
page announces the saved shortcut setting in the page's words; a French browser gets
<html lang="fr">. The Preferences page's screenshot (English)."""
import json
import re

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_review_loop import open_sample, row_with

MARKER = "Rien à annuler (texte venu de la page)"


def _with_strings(route, **strings):
    """Serve the page as the server made it, with some of its #ui-strings replaced."""
    response = route.fetch()
    html = response.text()
    block = re.search(r'(<script type="application/json" id="ui-strings">)(.*?)(</script>)',
                      html, re.S)
    values = {**json.loads(block.group(2)), **strings}
    changed = html[:block.start(2)] + json.dumps(values) + html[block.end(2):]
    route.fulfill(response=response, body=changed)


def test_keys_js_takes_its_messages_from_the_page(live_app, page):
    open_sample(page, live_app)
    served = json.loads(page.locator("#ui-strings").text_content())
    row = row_with(page, "De fake récits")   # flagged, but no suggestion
    number = row.locator("td.num").inner_text().strip()
    row.locator(".tgt-text").focus()
    page.keyboard.press("s")
    expect(page.locator("#flash")).to_have_text(
        served["no_suggestion"].replace("%(number)s", number))

    page.route(re.compile(r".*/documents/[^/?]+$"),
               lambda route: _with_strings(route, nothing_to_undo=MARKER))
    page.reload()
    page.wait_for_load_state("load")
    page.locator("h1").click()
    page.keyboard.press("Control+z")   # nothing done yet on this page: nothing to undo
    expect(page.locator("#flash")).to_have_text(MARKER)


def test_the_saved_shortcut_setting_is_announced_in_the_pages_words(live_app, page):
    page.goto(live_app.config["LIVE_URL"] + "/preferences")
    page.wait_for_load_state("load")
    off = page.locator('input[name=shortcuts][value="off"]')
    off.check()
    expect(page.locator("#status")).to_have_text(off.get_attribute("data-saved"))
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "preferences.png"), full_page=True)


def test_a_french_browser_gets_a_french_page(live_app, browser):
    context = browser.new_context(locale="fr-CH")
    try:
        page = context.new_page()
        page.goto(live_app.config["LIVE_URL"] + "/login")
        expect(page.locator("html")).to_have_attribute("lang", "fr")
    finally:
        context.close()
