"""Issue 14 in Chromium, as a server runs when another process re-checks saved units: a save
typed and sent at once answers without checking its text (the row says checks are still
running, then brings the findings by itself once the other process has checked it); a save
sent after the editor autosaved its text shows the findings at once."""
from playwright.sync_api import expect

from app.store import checkpass, documents, session_scope
from tests.e2e.conftest import SCREENSHOTS

WAIT_MS = 120_000  # a bound on waiting for the server (never a timing assertion)
# The sample's first segment with two English words left in it.
TEXT = ("Le secrétaire général de l’OTSC, Stanislav Zas, a annoncé la fin de la peacekeeping "
        "mission de l’OTSC au Kazakhstan.")


def _checks_apart(live_app):
    """As a server with a `flask worker` (the store decides from the config it was made
    with: app/store/__init__.py, checks_apart); this test plays the worker."""
    live_app.config.update(IMPORT_JOBS_INLINE=False, BACKGROUND_WORKER=True)
    live_app.extensions["store"].kw["info"][documents.CHECKS_APART] = True


def open_first_row(page, live_app):
    """Open the sample's first segment in the editor: (its row's id, the editor), once htmx
    has settled it (its autosave trigger, `input changed delay:700ms`, is set on the new
    editor as htmx processes it: text filled in earlier would not be autosaved)."""
    with session_scope(live_app) as session:
        slug = documents.list_documents(session)[0].slug  # the sample
    page.goto(f"{live_app.config['LIVE_URL']}/documents/{slug}")
    row = page.locator("tr.unit").first
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").click()
    editor = page.locator(f"#{row_id} textarea")
    expect(editor).to_be_focused()
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
    return row_id, editor


def test_a_save_sent_at_once_shows_its_findings_when_checked(live_app, page):
    _checks_apart(live_app)
    row_id, editor = open_first_row(page, live_app)
    editor.fill(TEXT)
    editor.press("Enter")
    saved = page.locator(f"#{row_id}")
    expect(saved.locator(".tgt-text")).to_contain_text("la peacekeeping mission")
    expect(saved.locator(".checks-pending")).to_contain_text("Some checks are still running")
    expect(saved.locator("mark.flag")).to_have_count(0)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "save-checks-pending.png"))

    while checkpass.run_units(live_app.extensions["store"]):
        pass
    expect(saved.locator("mark.flag", has_text="peacekeeping mission")).to_be_visible(
        timeout=WAIT_MS)
    expect(saved.locator(".checks-pending")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "save-checks-arrived.png"))


def test_a_save_after_the_autosave_shows_its_findings_at_once(live_app, page):
    _checks_apart(live_app)
    row_id, editor = open_first_row(page, live_app)
    with page.expect_response(lambda r: r.url.endswith("/draft"), timeout=WAIT_MS):
        editor.fill(TEXT)  # autosaved 0.7 s later
    editor.press("Enter")
    saved = page.locator(f"#{row_id}")
    expect(saved.locator("mark.flag", has_text="peacekeeping mission")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "save-after-draft-flagged.png"))
