"""The layout checks of issue 17 in Chromium: a doubled space and straight quotes typed into a
French segment are flagged on their own spans, each with its message in the tip."""
import re

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_review_loop import open_sample, row_with


def test_double_space_and_straight_quotes_are_flagged_after_a_save(live_app, page):
    open_sample(page, live_app)
    row = row_with(page, "members")
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").click()
    editor = page.locator(f"#{row_id} textarea")
    expect(editor).to_be_focused()
    words = editor.input_value().split(" ")
    typed = f'{words[0]}  {" ".join(words[1:3])} "mission de paix" {" ".join(words[3:])}'
    editor.fill(typed)
    editor.press("Enter")

    saved = page.locator(f"#{row_id}")
    expect(saved.locator(".tgt-text")).to_contain_text("mission de paix")
    quotes = saved.locator('mark.flag[data-tip*="not straight double quotes"]')
    double = saved.locator('mark.flag[data-tip*="spaces in a row"]')
    expect(quotes.first).to_be_visible()
    expect(double).to_have_count(1)
    assert double.text_content() == "  "
    assert "".join(quotes.all_text_contents()) == '"mission de paix"'
    quotes = quotes.first
    saved.evaluate("row => row.scrollIntoView({block: 'center'})")
    quotes.hover()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "layout-findings.png"))
