"""In Chromium (issue 18): D on the second finding of a segment (Tab moves between its
findings), the editor's list of dismissed findings and Reopen, the confirmation of an empty
save (cancelled: nothing saved; confirmed: a deliberate omission), the row's action menu
beside the next row, and a document renamed, archived, restored and deleted."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_review_loop import open_sample, row_with


def shot(page, name):
    """A screenshot; the caret left as it is (hiding it leaves an empty style attribute on the
    text box, which htmx then copies onto the new editor: a CSP violation of the test's own)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), caret="initial")


def test_d_dismisses_the_focused_finding_and_the_editor_reopens_it(live_app, page):
    open_sample(page, live_app)
    row = row_with(page, "au level où")
    row_id = row.get_attribute("id")
    row = page.locator(f"#{row_id}")
    marks = row.locator("mark.flag")
    expect(marks.nth(1)).to_be_visible()
    first_text, second_text = marks.nth(0).inner_text(), marks.nth(1).inner_text()
    row.locator(".tgt-text").focus()
    page.keyboard.press("Tab")
    expect(marks.nth(0)).to_be_focused()
    page.keyboard.press("Tab")
    expect(marks.nth(1)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(marks.nth(0)).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("d")                       # the second finding, not the first
    expect(row.locator("mark.flag", has_text=second_text)).to_have_count(0)
    expect(row.locator("mark.flag", has_text=first_text)).to_have_count(1)

    row.locator(".tgt-text").click()
    dismissed = row.locator("section.dismissed")
    expect(dismissed).to_contain_text("Dismissed findings")
    expect(dismissed).to_contain_text(f"“{second_text}”")
    expect(dismissed).to_contain_text(re.compile(r"dismissed by reviewer-e2e · [A-Z][a-z]{2} "
                                                 r"\d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M · no reason given"))
    row.scroll_into_view_if_needed()
    shot(page, "editor-dismissed-findings.png")
    findings_before = row.locator("ul.findings > li").count()
    dismissed.get_by_role("button", name=re.compile("^Reopen")).click()
    expect(row.locator("section.dismissed")).to_have_count(0)
    expect(row.locator("ul.findings > li")).to_have_count(findings_before + 1)
    expect(row.locator("textarea")).to_be_visible()      # still editing
    # dismissed again from the editor, with a reason: the editor stays open and lists it
    reopened = row.locator("ul.findings > li", has_text=second_text).last
    reason = reopened.get_by_placeholder("why it is fine (optional)")
    reason.fill("a quotation")
    expect(reason).to_have_value("a quotation")
    reopened.get_by_role("button", name="Dismiss").click()
    expect(row.locator("section.dismissed")).to_contain_text("“a quotation”")
    expect(row.locator("textarea")).to_be_visible()
    row.locator("section.dismissed").get_by_role("button", name=re.compile("^Reopen")).click()
    expect(row.locator("section.dismissed")).to_have_count(0)
    row.locator("textarea").press("Escape")
    expect(row.locator("mark.flag", has_text=second_text)).to_have_count(1)


def test_an_empty_save_asks_first_cancel_keeps_and_confirm_records_an_omission(live_app, page):
    open_sample(page, live_app)
    row = row_with(page, "De fake récits")
    row_id = row.get_attribute("id")
    row = page.locator(f"#{row_id}")
    number = row.locator("td.num").inner_text().strip()
    before = row.locator(".tgt-text").inner_text()
    row.locator(".tgt-text").click()
    area = row.locator("textarea")
    expect(area).to_be_focused()
    area.fill("")
    area.press("Enter")
    dialog = page.locator("#confirm-omission")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(f"Segment {number} will have no text")
    expect(dialog.get_by_role("button", name="Keep editing")).to_be_focused()
    shot(page, "empty-save-dialog.png")
    page.keyboard.press("Escape")                  # cancel: nothing sent, the box as it was
    expect(dialog).to_be_hidden()
    expect(area).to_be_focused()
    expect(area).to_have_value("")
    area.press("Escape")
    expect(row.locator(".tgt-text")).to_have_text(before)   # nothing was saved

    row.locator(".tgt-text").click()
    area = row.locator("textarea")
    area.fill("")
    area.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Shift+Tab")               # to "Save empty", by the keyboard alone
    expect(dialog.get_by_role("button", name=re.compile("^Save empty"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(row.locator(".tgt-text")).to_have_text("(left out on purpose)")
    expect(row.locator(".badge-omitted")).to_have_text("omission")
    expect(row.locator(".note")).to_have_count(0)   # not an alignment problem
    shot(page, "omission-row.png")
    row.locator(".tgt-text").click()
    row.get_by_role("button", name="History").click()
    expect(row.locator(".history")).to_contain_text("omission · reviewer-e2e")


def test_editing_an_approved_segment_says_it_needs_approval_again(live_app, page):
    open_sample(page, live_app)
    row = page.locator("tr.unit").nth(1)
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").focus()
    page.keyboard.press("a")
    row = page.locator(f"#{row_id}")
    expect(row.locator(".badge")).to_have_text("approved")
    row.locator(".tgt-text").click()
    expect(row.locator(".approved-note")).to_contain_text("it will need approval again")
    shot(page, "editor-approved-note.png")


def test_the_row_menu_never_covers_the_next_row(live_app, page):
    open_sample(page, live_app)
    rows = page.locator("tr.unit")
    for index in (0, 3):
        rows.nth(index).hover()
        menu = rows.nth(index).locator(".row-actions")
        expect(menu).to_be_visible()
        box = menu.bounding_box()
        badge = rows.nth(index + 1).locator(".badge").first.bounding_box()
        row_box = rows.nth(index).bounding_box()
        text = rows.nth(index).locator(".tgt-text").bounding_box()
        assert box["y"] + box["height"] <= row_box["y"] + row_box["height"] + 0.5
        assert box["y"] + box["height"] <= badge["y"], (box, badge)
        assert box["y"] >= text["y"] + text["height"], (box, text)     # below its own text
    shot(page, "row-menu-in-its-row.png")


def test_rename_archive_restore_and_delete_a_document(live_app, page):
    base = live_app.config["LIVE_URL"]
    page.goto(base + "/")
    row = page.locator("table.doc-list tbody tr").first
    row.locator("summary", has_text="Rename…").click()
    title = row.get_by_label("New title")
    expect(title).to_be_visible()
    shot(page, "documents-actions.png")
    title.fill("Mission de l’OTSC au Kazakhstan")
    row.get_by_role("button", name="Rename", exact=True).click()
    expect(page.get_by_role("link", name="Mission de l’OTSC au Kazakhstan")).to_be_visible()

    page.get_by_role("button", name=re.compile("^Archive Mission")).click()
    expect(page.get_by_role("link", name="Mission de l’OTSC au Kazakhstan")).to_have_count(0)
    page.get_by_role("link", name="Show archived (1)").click()
    expect(page.get_by_role("link", name="Mission de l’OTSC au Kazakhstan")).to_be_visible()
    shot(page, "documents-archived.png")
    page.get_by_role("button", name=re.compile("^Restore Mission")).click()
    expect(page.get_by_text("No archived documents.")).to_be_visible()
    page.get_by_role("link", name="Back to the documents").click()

    row = page.locator("table.doc-list tbody tr").first
    row.locator("summary", has_text="Delete…").click()
    expect(row).to_contain_text("This cannot be undone")
    shot(page, "documents-delete-confirm.png")
    row.get_by_role("button", name="Delete for good").click()
    expect(page.get_by_text("No documents yet.")).to_be_visible()
