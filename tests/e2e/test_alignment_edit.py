"""Repairing alignment in Chromium: merge from the keyboard, split back, undo, PO follows."""
from playwright.sync_api import expect

from app.core.po import read_po
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_review_loop import open_sample


def export(page, tmp_path, name):
    with page.expect_download() as info:
        page.get_by_role("link", name="Export PO").click()
    path = tmp_path / name
    info.value.save_as(path)
    return read_po(path)


def test_merge_split_undo_and_export(live_app, page, tmp_path):
    open_sample(page, live_app)
    rows = page.locator("#units-body tr.unit")
    n = rows.count()
    fourth = rows.nth(3)
    fourth_text = fourth.locator(".tgt-text").inner_text()

    # Merge segment 4 with 5 from the keyboard.
    fourth.locator(".tgt-text").focus()
    page.keyboard.press("m")
    expect(rows).to_have_count(n - 1)
    expect(page.locator("#oplog")).to_contain_text("Undo: merge of segments 4–5")
    merged = rows.nth(3)
    expect(merged.locator(".tgt-text")).to_contain_text(fourth_text)
    entries = export(page, tmp_path, "merged.po")
    assert len(entries) == n - 1 and fourth_text in entries[3].target

    # Split it back in the alignment editor (default split point: after the first sentence).
    merged.hover()  # the row's toolbar shows on hover or focus
    merged.get_by_role("button", name="Align…").click()
    editor = page.locator("tr.aligning")
    expect(editor.locator("p.sent")).to_have_count(4)
    SCREENSHOTS.mkdir(exist_ok=True)
    editor.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "align-editor.png"))
    editor.get_by_role("button", name="Split", exact=True).click()
    expect(rows).to_have_count(n)
    expect(rows.nth(3).locator(".tgt-text")).to_have_text(fourth_text)

    # Undo the split (Ctrl+Z), then the merge, from the undo bar.
    page.locator("body").press("Control+z")
    expect(rows).to_have_count(n - 1)
    page.locator("#oplog").get_by_role("button", name="Undo").click()
    expect(rows).to_have_count(n)
    entries = export(page, tmp_path, "undone.po")
    assert len(entries) == n and entries[3].target == fourth_text
