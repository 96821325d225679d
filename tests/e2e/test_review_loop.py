"""The whole loop in Chromium: open the sample, see a flag, fix it, export the PO."""
import re

from playwright.sync_api import expect

from app.core.po import read_po
from tests.e2e.conftest import SCREENSHOTS


def open_sample(page, live_app):
    page.goto(live_app.config["LIVE_URL"] + "/")
    page.get_by_role("link", name=re.compile("CSTO ends its peacekeeping mission")).click()
    expect(page.locator("table.units")).to_be_visible()
    # The rows can show before the deferred scripts (keys.js, htmx) have run: a key pressed
    # then would go unheard. The load event comes after them.
    page.wait_for_load_state("load")


def row_with(page, text):
    return page.locator("tr.unit", has=page.locator(".tgt-text", has_text=text)).first


def test_fix_a_flag_and_export_it(live_app, page, tmp_path):
    open_sample(page, live_app)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "document-top.png"))

    row = row_with(page, "au level où")
    flag = row.locator("mark.flag", has_text="level")
    expect(flag).to_be_visible()
    expect(flag).to_have_attribute("data-tip", re.compile("untranslated"))
    flag.scroll_into_view_if_needed()
    page.mouse.wheel(0, -200)
    flag.hover()
    page.screenshot(path=str(SCREENSHOTS / "document.png"))
    row_id = row.get_attribute("id")

    row.locator(".tgt-text").click()
    editor = page.locator(f"#{row_id} textarea")
    expect(editor).to_be_focused()
    fixed = editor.input_value().replace("au level où", "au point où")
    editor.fill(fixed)
    editor.press("Enter")

    saved = page.locator(f"#{row_id}")
    expect(saved.locator(".tgt-text")).to_contain_text("au point où")
    expect(saved.locator("mark.flag", has_text="level")).to_have_count(0)
    expect(saved.locator(".badge")).to_have_text("edited")
    expect(page.locator("#progress .counter.edited b")).to_have_text("1")
    expect(saved.locator(".tgt-text")).to_be_focused()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export PO").click()
    path = tmp_path / "export.po"
    download_info.value.save_as(path)
    entries = [e for e in read_po(path) if "au point où" in e.target]
    assert len(entries) == 1 and "au level où" not in entries[0].target
    assert entries[0].fuzzy  # edited, not yet approved
    page.screenshot(path=str(SCREENSHOTS / "after-edit.png"))


def test_keyboard_opens_editor_and_escape_cancels(live_app, page):
    open_sample(page, live_app)
    row = row_with(page, "members")
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").focus()
    page.keyboard.press("Enter")
    editor = page.locator(f"#{row_id} textarea")
    expect(editor).to_be_focused()
    editor.press("Escape")
    expect(page.locator(f"#{row_id} textarea")).to_have_count(0)
    expect(page.locator(f"#{row_id} .tgt-text")).to_contain_text("members")
    expect(page.locator(f"#{row_id} .tgt-text")).to_be_focused()
