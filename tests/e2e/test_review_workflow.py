"""Review workflow in Chromium: history diff, changes page with bulk approve, replace-all with
preview and undo, keyboard navigation, and two browsers editing the same segment."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, sign_in
from tests.e2e.test_review_loop import open_sample, row_with


def edit_row(page, row, old, new):
    row = page.locator(f"#{row.get_attribute('id')}")  # stays valid while the row swaps
    row.locator(".tgt-text").click()
    area = row.locator("textarea")
    expect(area).to_be_focused()
    area.fill(area.input_value().replace(old, new))
    area.press("Enter")
    expect(row.locator(".tgt-text")).to_contain_text(new)


def test_history_shows_a_word_diff_and_restores(live_app, page):
    open_sample(page, live_app)
    row = row_with(page, "De fake récits")
    row_id = row.get_attribute("id")
    edit_row(page, row, "De fake récits", "Des récits mensongers")
    row = page.locator(f"#{row_id}")
    row.locator(".tgt-text").click()
    row.get_by_role("button", name="History").click()
    history = row.locator(".history")
    expect(history.locator(".since-mt del", has_text="fake")).to_have_count(1)
    expect(history.locator(".since-mt ins", has_text="mensongers")).to_have_count(1)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "history.png"))
    history.get_by_role("button", name="Restore this version").last.click()
    expect(page.locator(f"#{row_id} .tgt-text")).to_contain_text("De fake récits")


def test_changes_page_bulk_approve(live_app, page):
    open_sample(page, live_app)
    edit_row(page, row_with(page, "au level où"), "au level où", "au point où")
    edit_row(page, row_with(page, "members présumés"), "members présumés", "membres présumés")
    page.get_by_role("link", name="Changes").click()
    expect(page.locator("table.changes tbody tr")).to_have_count(2)
    expect(page.locator("table.changes ins").first).to_be_visible()
    page.get_by_label("Select all").check()
    page.get_by_role("button", name="Approve selected").click()
    expect(page.locator("table.changes .badge-approved")).to_have_count(2)
    expect(page.locator("#oplog")).to_contain_text("Undo: approval of 2 segments")
    page.screenshot(path=str(SCREENSHOTS / "changes.png"))
    page.locator("#oplog").get_by_role("button", name="Undo").click()
    expect(page.locator("table.changes .badge-approved")).to_have_count(0)
    expect(page.locator("table.changes .badge-edited")).to_have_count(2)


def test_replace_all_with_preview_and_undo(live_app, page):
    open_sample(page, live_app)
    page.get_by_text("Find and replace").click()
    page.get_by_label("Find", exact=True).fill("state of affairs")
    page.get_by_label("Replace with").fill("situation")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#replace-preview")
    expect(preview).to_contain_text("4 occurrences in 4 segments")
    expect(preview.locator("del")).to_have_count(4)
    page.get_by_role("button", name="Replace all").click()
    expect(page.locator("#units-body")).not_to_contain_text("state of affairs")
    expect(page.locator("#progress .counter.edited b")).to_have_text("4")
    page.locator("#oplog").get_by_role("button", name="Undo").click()
    expect(page.locator("#units-body .tgt-text", has_text="state of affairs")).to_have_count(4)
    expect(page.locator("#progress .counter.edited b")).to_have_text("0")


def test_keyboard_navigation_approve_and_save_next(live_app, page):
    open_sample(page, live_app)
    rows = page.locator("#units-body tr.unit")
    page.keyboard.press("j")
    expect(rows.nth(0).locator(".tgt-text")).to_be_focused()
    page.keyboard.press("j")
    expect(rows.nth(1).locator(".tgt-text")).to_be_focused()
    page.keyboard.press("k")
    expect(rows.nth(0).locator(".tgt-text")).to_be_focused()
    page.keyboard.press("n")  # the next segment with a finding: "la state of affairs ... level"
    flagged = rows.filter(has=page.locator("mark.flag")).first
    expect(flagged.locator(".tgt-text")).to_be_focused()
    page.keyboard.press("a")
    expect(flagged.locator(".badge")).to_have_text("approved")
    expect(flagged.locator(".tgt-text")).to_be_focused()  # focus survives the swap
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()
    # Ctrl+Enter saves and opens the next segment's editor.
    rows.nth(0).locator(".tgt-text").focus()
    page.keyboard.press("Enter")
    area = rows.nth(0).locator("textarea")
    area.press("End")
    area.type(" Fin.")
    area.press("Control+Enter")
    expect(rows.nth(1).locator("textarea")).to_be_focused()
    expect(rows.nth(0).locator(".tgt-text")).to_contain_text("Fin.")


def test_draft_survives_a_reload(live_app, page):
    open_sample(page, live_app)
    row = page.locator("#units-body tr.unit").nth(2)
    row.locator(".tgt-text").click()
    area = row.locator("textarea")
    area.press("End")
    area.type(" (brouillon)")
    page.reload()
    row = page.locator("#units-body tr.unit").nth(2)
    row.locator(".tgt-text").click()
    expect(row.locator("textarea")).to_have_value(re.compile(r"\(brouillon\)$"))


def test_two_browsers_never_overwrite_each_other(live_app, browser):
    first = browser.new_context().new_page()
    second = browser.new_context().new_page()
    for page in (first, second):
        sign_in(page, live_app)
        open_sample(page, live_app)
    rows = [p.locator("#units-body tr.unit").nth(5) for p in (first, second)]
    for row in rows:
        row.locator(".tgt-text").click()
        expect(row.locator("textarea")).to_be_visible()
    rows[0].locator("textarea").fill("Texte de la première traductrice.")
    rows[0].locator("textarea").press("Enter")
    expect(rows[0].locator(".tgt-text")).to_have_text("Texte de la première traductrice.")
    rows[1].locator("textarea").fill("Texte du second traducteur.")
    rows[1].locator("textarea").press("Enter")
    conflict = rows[1].locator(".conflict")
    expect(conflict).to_contain_text("changed while you were editing")
    expect(conflict).to_contain_text("Texte de la première traductrice.")
    expect(rows[1].locator("textarea")).to_have_value("Texte du second traducteur.")
    # Keeping both: the second translator merges and saves on top of the current version.
    rows[1].locator("textarea").fill("Texte de la première traductrice, revu.")
    rows[1].locator("textarea").press("Enter")
    expect(rows[1].locator(".tgt-text")).to_have_text("Texte de la première traductrice, revu.")
    first.reload()
    expect(first.locator("#units-body tr.unit").nth(5).locator(".tgt-text")).to_have_text(
        "Texte de la première traductrice, revu.")
    for page in (first, second):
        page.context.close()
