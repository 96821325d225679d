"""In Chromium: the editor's suggestion buttons (click, keyboard, typing not saved yet), S on a
segment without a suggestion, and the Checks page's optional resources."""
import re

import pytest
from playwright.sync_api import expect

from app.store import documents, session_scope, terms
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_review_loop import open_sample, row_with

SHOTS = SCREENSHOTS


@pytest.fixture
def level_term(live_app):
    """A workspace glossary term, so that "level" has a suggestion whatever is installed (the
    glossary comes first): the sentence "La state of affairs ... au level où" then has two."""
    with session_scope(live_app) as session:
        terms.add_term(session, source="level", target="niveau", forbidden=False, note="",
                       author="e2e", source_lang="en", target_lang="fr")
        for doc in documents.list_documents(session):
            documents.recheck_document(session, doc)
    return "niveau"


def open_editor(page, text):
    row = row_with(page, text)
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").click()
    area = page.locator(f"#{row_id} textarea")
    expect(area).to_be_focused()
    return page.locator(f"#{row_id}"), area


def test_click_a_suggestion_that_is_not_the_first(live_app, page, level_term):
    open_sample(page, live_app)
    row, area = open_editor(page, "au level où")
    suggestions = row.locator("button.suggestion")
    expect(suggestions).to_have_count(2)
    expect(suggestions.nth(0)).to_have_text("Apply “situation”")
    expect(suggestions.nth(1)).to_have_text("Apply “niveau”")
    SHOTS.mkdir(exist_ok=True)
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "editor-suggestions.png"))

    suggestions.nth(1).click()
    text = row.locator(".tgt-text")
    expect(text).to_contain_text("au niveau où")
    expect(text).to_contain_text("state of affairs")     # the first one is still there
    expect(row.locator(".badge")).to_have_text("edited")
    expect(row.locator("mark.flag", has_text="level")).to_have_count(0)
    expect(text).to_be_focused()


def test_tab_reaches_the_suggestion_buttons_and_enter_applies(live_app, page, level_term):
    open_sample(page, live_app)
    row, area = open_editor(page, "au level où")
    first = row.locator("button.suggestion").first
    expect(first).to_be_visible()
    page.wait_for_load_state("networkidle")   # the editor's swap settled (htmx, draft check)
    area.focus()
    area.press("Tab")
    expect(first).to_be_focused()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "editor-suggestion-focused.png"))
    page.keyboard.press("Enter")
    text = row.locator(".tgt-text")
    expect(text).to_contain_text("La situation s’est aggravée")
    expect(text).to_contain_text("au level où")           # only the one chosen


def test_suggestion_goes_into_typing_not_saved_yet(live_app, page, level_term):
    open_sample(page, live_app)
    row, area = open_editor(page, "au level où")
    typed = area.input_value().replace("La state of affairs", "La state of affairs bien")
    area.fill(typed)
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/suggestion") else None)
    row.locator("button.suggestion").nth(1).click()
    expect(area).to_have_value(typed.replace("au level où", "au niveau où"))
    expect(area).to_be_focused()
    expect(row.locator("button.suggestion").nth(1)).to_be_disabled()
    expect(row.locator("button.suggestion").nth(0)).to_be_enabled()
    expect(page.locator("#flash")).to_contain_text("not saved yet: Enter saves it")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "editor-suggestion-in-typing.png"))
    assert sent == []   # not applied on the server: the suggestion went into the box
    area.press("Enter")
    saved = row.locator(".tgt-text")
    expect(saved).to_contain_text("state of affairs bien")
    expect(saved).to_contain_text("au niveau où")


def test_s_without_a_suggestion_says_so(live_app, page):
    open_sample(page, live_app)
    row = row_with(page, "De fake récits")   # flagged, but no suggestion
    number = row.locator("td.num").inner_text().strip()
    before = row.locator(".tgt-text").inner_text()
    row.locator(".tgt-text").focus()
    page.keyboard.press("s")
    flash = page.locator("#flash")
    expect(flash).to_have_text(f"Segment {number} has no suggestion to apply.")
    expect(flash).to_have_attribute("aria-live", re.compile("assertive|polite"))
    expect(flash.locator(".notice-box")).to_be_in_viewport()   # seen wherever the page is
    expect(row.locator(".tgt-text")).to_have_text(before)
    expect(row.locator(".tgt-text")).to_be_focused()      # the focus stays on the segment
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "s-without-suggestion.png"))
    page.keyboard.press("j")
    expect(flash).to_have_text("")                         # the next key clears it


def test_s_still_applies_the_first_suggestion(live_app, page, level_term):
    open_sample(page, live_app)
    row = row_with(page, "au level où")
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").focus()
    page.keyboard.press("s")
    expect(page.locator(f"#{row_id} .tgt-text")).to_contain_text("La situation s’est aggravée")
    expect(page.locator("#flash")).to_have_text("")


def open_checks(page, live_app):
    open_sample(page, live_app)
    page.get_by_role("link", name="Checks").click()
    expect(page.get_by_role("heading", name="Optional system resources")).to_be_visible()


def test_checks_page_shows_resources_absent(live_app, page, no_grammalecte, no_freedict):
    open_checks(page, live_app)
    grammar = page.locator("#resource-python3-grammalecte")
    expect(grammar).to_contain_text("Not installed")
    expect(grammar).to_contain_text("Without it, the fr-grammar check is off.")
    expect(grammar.locator("code.install")).to_have_text("apt-get install python3-grammalecte")
    expect(page.locator("#resource-dict-freedict-eng-fra")).to_contain_text(
        "apt-get install dict-freedict-eng-fra")
    expect(page.get_by_label("fr-grammar")).to_have_accessible_description(
        re.compile("Grammalecte is not installed"))
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "checks-absent.png"), full_page=True)


def test_checks_page_shows_resources_installed(live_app, page):
    from tests.conftest import require_freedict, require_grammalecte

    version = require_grammalecte("the Checks page shows it installed")
    path = require_freedict("en", "fr", "the Checks page shows it installed")
    open_checks(page, live_app)
    grammar = page.locator("#resource-python3-grammalecte")
    expect(grammar).to_contain_text("Installed")
    expect(grammar).to_contain_text(f"version {version}")
    expect(page.locator("#resource-dict-freedict-eng-fra")).to_contain_text(str(path))
    expect(page.locator(".resource-absent")).to_have_count(0)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "checks-installed.png"), full_page=True)
