"""One undo history in Chromium (issue 18): an edit, an approval, a dismissal, a merge and a
split, undone one by one with Ctrl+Z and redone with Ctrl+Shift+Z (and Ctrl+Y), the Undo and
Redo buttons saying each time what they would do; a refused undo says why in the message
area."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.e2e.test_review_loop import open_sample


def bar(page, undo=None, redo=None):
    """The undo bar offers exactly `undo` and `redo` (a label, a regex of one, or None: no
    such button)."""
    oplog = page.locator("#oplog")
    for name, label in (("Undo", undo), ("Redo", redo)):
        button = oplog.get_by_role("button", name=re.compile(f"^{name}:"))
        if label is None:
            expect(button).to_have_count(0)
        elif isinstance(label, re.Pattern):
            expect(button).to_have_text(re.compile(f"^{name}: {label.pattern}$"))
        else:
            expect(button).to_have_text(f"{name}: {label}")


def focus_when_settled(page, row):
    """Focus `row`'s text once every htmx request, swap and settle is over (keys.js gives the
    focus back to the swapped row on settle when it was lost: a focus given earlier may go
    to the last row acted on, on a loaded machine)."""
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
    text = row.locator(".tgt-text")
    text.focus()
    expect(text).to_be_focused()


def test_undo_and_redo_across_every_kind_of_change(live_app, page):
    open_sample(page, live_app)
    rows = page.locator("#units-body tr.unit")
    n = rows.count()
    SCREENSHOTS.mkdir(exist_ok=True)

    # Edit segment 8.
    eighth = rows.nth(7)
    before = eighth.locator(".tgt-text").inner_text()
    eighth.locator(".tgt-text").click()
    editor = eighth.locator("textarea")
    editor.fill(before + " Revu.")
    editor.press("Enter")
    expect(rows.nth(7).locator(".tgt-text")).to_contain_text("Revu.")
    bar(page, undo="edit of segment 8")

    # Approve it (A).
    focus_when_settled(page, rows.nth(7))
    page.keyboard.press("a")
    expect(rows.nth(7).locator(".badge")).to_have_text("approved")
    bar(page, undo="approval of segment 8")

    # Dismiss the first finding of a flagged segment (D).
    flagged = page.locator("#units-body tr.unit", has=page.locator("mark.flag")).first
    flagged_id = flagged.get_attribute("id")
    marks = flagged.locator("mark.flag").count()
    number = flagged.locator("td.num").inner_text().strip()
    focus_when_settled(page, flagged)
    page.keyboard.press("d")
    expect(page.locator(f"#{flagged_id} mark.flag")).to_have_count(marks - 1)
    dismissal = re.compile(f"dismissal of “.+” in segment {number}")
    bar(page, undo=dismissal)

    # Merge segments 3 and 4 (M), then split them back in the alignment editor.
    focus_when_settled(page, rows.nth(2))
    page.keyboard.press("m")
    expect(rows).to_have_count(n - 1)
    bar(page, undo="merge of segments 3–4")
    merged = rows.nth(2)
    merged.hover()
    merged.get_by_role("button", name="Align…").click()
    page.locator("tr.aligning").get_by_role("button", name="Split", exact=True).click()
    expect(rows).to_have_count(n)
    bar(page, undo="split of segment 3")
    page.screenshot(path=str(SCREENSHOTS / "undo-bar-after-split.png"))

    # Ctrl+Z back through them, newest first; Redo names what was just undone.
    page.locator("body").press("Control+z")
    expect(rows).to_have_count(n - 1)
    bar(page, undo="merge of segments 3–4", redo="split of segment 3")
    page.screenshot(path=str(SCREENSHOTS / "undo-bar-after-undo.png"))
    page.locator("body").press("Control+z")
    expect(rows).to_have_count(n)
    bar(page, undo=dismissal, redo="merge of segments 3–4")
    page.locator("body").press("Control+z")
    expect(page.locator(f"#{flagged_id} mark.flag")).to_have_count(marks)
    bar(page, undo="approval of segment 8", redo=dismissal)
    page.locator("body").press("Control+z")
    expect(rows.nth(7).locator(".badge")).to_have_text("edited")
    bar(page, undo="edit of segment 8", redo="approval of segment 8")
    page.locator("body").press("Control+z")
    expect(rows.nth(7).locator(".tgt-text")).to_have_text(before)
    bar(page, undo=None, redo="edit of segment 8")
    page.screenshot(path=str(SCREENSHOTS / "undo-bar-all-undone.png"))

    # Forward again: Ctrl+Shift+Z, and Ctrl+Y once.
    page.locator("body").press("Control+Shift+z")
    expect(rows.nth(7).locator(".tgt-text")).to_contain_text("Revu.")
    bar(page, undo="edit of segment 8", redo="approval of segment 8")
    page.locator("body").press("Control+y")
    expect(rows.nth(7).locator(".badge")).to_have_text("approved")
    bar(page, undo="approval of segment 8", redo=dismissal)
    page.locator("body").press("Control+Shift+z")
    expect(page.locator(f"#{flagged_id} mark.flag")).to_have_count(marks - 1)
    bar(page, undo=dismissal, redo="merge of segments 3–4")
    page.locator("body").press("Control+Shift+z")
    expect(rows).to_have_count(n - 1)
    bar(page, undo="merge of segments 3–4", redo="split of segment 3")
    page.locator("body").press("Control+Shift+z")
    expect(rows).to_have_count(n)
    bar(page, undo="split of segment 3", redo=None)
    page.screenshot(path=str(SCREENSHOTS / "undo-bar-all-redone.png"))


def test_a_refused_undo_says_why_in_the_message_area(live_app, page, browser):
    open_sample(page, live_app)
    rows = page.locator("#units-body tr.unit")
    rows.nth(7).locator(".tgt-text").click()
    page.locator("#units-body tr.unit textarea").fill("Première version.")
    page.locator("#units-body tr.unit textarea").press("Enter")
    bar(page, undo="edit of segment 8")

    # Someone else edits segment 8 again, in another browser.
    other = browser.new_context(viewport={"width": 1440, "height": 1000}).new_page()
    sign_in(other, live_app)
    open_sample(other, live_app)
    other.locator("#units-body tr.unit").nth(7).locator(".tgt-text").click()
    other.locator("#units-body tr.unit textarea").fill("Seconde version.")
    other.locator("#units-body tr.unit textarea").press("Enter")
    expect(other.locator("#units-body tr.unit").nth(7)).to_contain_text("Seconde version.")
    other.context.close()

    # This page still offers the undo of its own edit: refused, said in plain words.
    page.locator("body").press("Control+z")
    flash = page.locator("#flash")
    expect(flash).to_have_text(re.compile(
        r"^Segment 8 was edited by reviewer-e2e at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M "
        r"after this "
        r"change; undoing it would overwrite that\. Nothing was changed\.$"))
    expect(flash).not_to_contain_text("Error")
    expect(rows.nth(7)).to_contain_text("Seconde version.")  # the page shows the later edit
    page.screenshot(path=str(SCREENSHOTS / "undo-refused.png"))
    # The Undo button now offers the later edit, which can be undone.
    page.locator("#oplog").get_by_role("button", name="Undo: edit of segment 8").click()
    expect(rows.nth(7)).to_contain_text("Première version.")
