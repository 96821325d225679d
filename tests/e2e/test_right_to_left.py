"""An Arabic target in Chromium (issue 20): the target text, the editor's box and the history's
diff are laid out right to left, and a Latin word replaced inside the Arabic keeps its order
in the diff (the deletion, read first, on the right of the insertion)."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS

ENGLISH = "He bought an iPhone 3 phone today. Then he went home at 5."
ARABIC = "اشترى هاتف iPhone 3 اليوم. ثم عاد إلى المنزل في 6."


def _box(locator):
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); "
                            "return {left: r.left, right: r.right}; }")


def _style(locator, prop):
    return locator.evaluate(f"e => getComputedStyle(e).{prop}")


def test_an_arabic_target_is_right_to_left_in_cell_editor_and_diff(page, live_app):
    page.goto(live_app.config["LIVE_URL"] + "/documents/new")
    page.get_by_label("Title").fill("Arabic report")
    page.locator("#target_lang").fill("ar")
    page.locator('textarea[name="reference_text"]').fill(ENGLISH)
    page.locator('textarea[name="target_text"]').fill(ARABIC)
    page.get_by_role("button", name="Import, align and check").click()
    page.wait_for_url(re.compile(r"/documents/arabic-report$"))

    cell = page.locator(".tgt-text", has_text="اشترى")
    expect(cell).to_have_attribute("dir", "rtl")
    assert _style(cell, "direction") == "rtl" and _style(cell, "textAlign") in ("start", "right")
    row = page.locator("tr.unit", has=cell)
    expect(row.locator("td.ref")).to_have_attribute("dir", "ltr")
    # the sentence starts on the right: its first word is right of its Latin word
    row_id = row.get_attribute("id")

    cell.click()
    area = page.locator(f"#{row_id} textarea")
    expect(area).to_be_focused()
    expect(area).to_have_attribute("dir", "rtl")
    assert _style(area, "direction") == "rtl"
    area.fill("اشترى هاتف Galaxy S24 اليوم.")
    area.press("Enter")
    expect(page.locator(f"#{row_id} .tgt-text")).to_contain_text("Galaxy S24")

    page.locator(f"#{row_id} .tgt-text").click()
    page.locator(f"#{row_id}").get_by_role("button", name="History").click()
    since_mt = page.locator(f"#{row_id} .history .since-mt")
    deleted, inserted = since_mt.locator("del"), since_mt.locator("ins")
    expect(deleted).to_have_text("iPhone 3")
    expect(inserted).to_have_text("Galaxy S24")
    expect(since_mt.locator("[dir=rtl]")).to_have_count(1)
    assert _style(deleted, "unicodeBidi") == "isolate" and _style(deleted, "direction") == "ltr"
    # right to left: the deletion comes first, so it sits right of the insertion, and each
    # keeps its words in order ("iPhone" left of "3")
    assert _box(deleted)["left"] >= _box(inserted)["right"] - 1
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "arabic-target-rtl.png"), full_page=True)

    # a finding's tip opens from the flagged span's right (start) edge, its English laid out
    # left to right
    flag = page.locator(".tgt-text[dir=rtl] mark.flag", has_text="6")
    flag.focus()
    tip = flag.evaluate("e => { const s = getComputedStyle(e, '::after'); "
                        "return {right: s.right, bidi: s.unicodeBidi, content: s.content}; }")
    assert tip["right"] == "0px" and tip["bidi"] == "plaintext" and "6" in tip["content"]
    page.screenshot(path=str(SCREENSHOTS / "arabic-finding-tip.png"))
