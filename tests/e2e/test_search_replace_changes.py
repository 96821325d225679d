"""Search hits and their count, the replace preview's checkbox per occurrence, and the
changes page's approvals apart and labelled chart, in Chromium (issue 18, items 5 and 6)."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_review_loop import open_sample, row_with
from tests.e2e.test_review_workflow import edit_row


def test_search_marks_every_hit_and_counts_them(live_app, page):
    open_sample(page, live_app)
    page.locator("#q").fill("state of affairs")
    body = page.locator("#units-body")
    expect(body.locator(".search-count")).to_have_text("4 occurrences in 4 segments")
    expect(body.locator("mark.hit")).to_have_count(4)
    expect(body.locator("mark.hit").first).to_have_text(re.compile("state of affairs", re.I))
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search_hits.png"))


def test_replace_selected_keeps_the_unchecked_occurrence(live_app, page):
    open_sample(page, live_app)
    page.get_by_text("Find and replace").click()
    page.get_by_label("Find", exact=True).fill("state of affairs")
    page.get_by_label("Replace with").fill("situation")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#replace-preview")
    expect(preview.locator(".replace-count")).to_contain_text("4 occurrences in 4 segments")
    boxes = preview.get_by_role("checkbox")
    expect(boxes).to_have_count(4)
    for i in range(4):
        expect(boxes.nth(i)).to_be_checked()
    kept = boxes.nth(1)
    label = kept.evaluate("box => box.closest('label').textContent")
    number = re.search(r"Segment (\d+):", label).group(1)
    expect(page.get_by_role("checkbox", name=re.compile(f"^Segment {number}: .*state of affairs"))
           ).to_have_count(1)
    kept.focus()
    page.keyboard.press("Space")  # keyboard-operable
    expect(kept).not_to_be_checked()
    page.screenshot(path=str(SCREENSHOTS / "replace_preview.png"))
    preview.get_by_role("button", name="Replace selected").click()
    rows = page.locator("#units-body tr.unit")
    expect(rows.locator(".tgt-text", has_text="situation")).to_have_count(3)
    still = rows.filter(has=page.locator(".tgt-text", has_text="state of affairs"))
    expect(still).to_have_count(1)
    expect(still.locator("td.num")).to_have_text(number)
    expect(preview.get_by_role("checkbox")).to_have_count(0)  # the stale preview is gone
    page.locator("#oplog").get_by_role("button", name="Undo").click()
    expect(rows.locator(".tgt-text", has_text="state of affairs")).to_have_count(4)


def test_changes_page_lists_approvals_apart_with_a_labelled_chart(live_app, page):
    open_sample(page, live_app)
    edit_row(page, row_with(page, "au level où"), "au level où", "au point où")
    row = row_with(page, "members présumés")
    row.hover()
    row.get_by_role("button", name="Approve").click()
    expect(page.locator(f"#{row.get_attribute('id')} .badge-approved")).to_be_visible()
    page.get_by_role("link", name="Changes").click()
    effort = page.locator("section.effort")
    expect(effort).to_contain_text("1 segment changed (their text)")
    expect(effort).to_contain_text("1 approved without change")
    expect(page.locator("table.changes:not(.approved-unchanged) tbody tr")).to_have_count(1)
    expect(page.get_by_role("heading", name="Approved without change (1)")).to_be_visible()
    chart = page.get_by_role("img", name="Post-editing effort per segment, in word edits "
                                         "per 100 words")
    expect(chart).to_be_visible()
    expect(chart.locator("text.axis-title")).to_have_text(["Segment", "Edits per 100 words"])
    expect(chart.locator("text.tick").first).to_have_text("0")
    expect(chart.locator("rect.effort-bar")).to_have_count(1)
    page.screenshot(path=str(SCREENSHOTS / "changes_page.png"), full_page=True)
    page.get_by_label("Since").fill("03/12/2026")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#changes [role=alert]")).to_contain_text(
        "is not a date: write it as YYYY-MM-DD")
