"""Issue 14 in Chromium: a save answers without French grammar; the row says its grammar is
still being checked and, once the background has checked it, brings the grammar finding by
itself (htmx polls the row)."""
from playwright.sync_api import expect

from app.store import checkpass
from tests.conftest import require_grammalecte
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_save_checks_apart import open_first_row

WAIT_MS = 120_000  # a bound on waiting for the server (never a timing assertion)


def test_a_saved_row_shows_grammar_pending_then_its_finding(live_app, page):
    require_grammalecte()
    # As deployed with a `flask worker`: the server leaves the pending checks to it, and
    # this test plays the worker when it chooses (checkpass.run_units).
    live_app.config.update(IMPORT_JOBS_INLINE=False, BACKGROUND_WORKER=True)
    row_id, editor = open_first_row(page, live_app)
    editor.fill("Les enfant jouent dans le jardin.")
    editor.press("Enter")
    saved = page.locator(f"#{row_id}")
    expect(saved.locator(".tgt-text")).to_contain_text("Les enfant jouent")
    pending = saved.locator(".checks-pending")
    expect(pending).to_contain_text("Some checks are still running")
    expect(saved.locator("mark.flag-grammar")).to_have_count(0)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "save-grammar-pending.png"))

    assert checkpass.run_units(live_app.extensions["store"]) == 1
    expect(saved.locator("mark.flag-grammar")).to_be_visible(timeout=WAIT_MS)
    expect(saved.locator(".checks-pending")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "save-grammar-arrived.png"))
