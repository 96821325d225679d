"""In Chromium: a field focused in content that htmx has swapped in but not yet settled keeps
the focus (keys.js). htmx gives the content's autofocus field (the editor's text box) the
focus when it settles the swap, some 20 ms later, longer on a busy machine; before this, what
a fast user typed in a reason box right after the editor opened went on in the text box (seen
in CI: a dismissal's reason typed right after Reopen ended up in the draft). The settle delay
is made one second here, so the window is wide enough to act in."""
import re

from playwright.sync_api import expect

from tests.e2e.test_review_loop import open_sample, row_with


def test_a_field_focused_before_the_swap_settles_keeps_the_focus(live_app, page):
    open_sample(page, live_app)
    row = page.locator("#" + row_with(page, "au level où").get_attribute("id"))
    before = row.locator(".tgt-text").inner_text()
    page.evaluate("htmx.config.defaultSettleDelay = 1000")
    row.locator(".tgt-text").click()
    reason = row.locator("ul.findings > li").first.get_by_placeholder("why it is fine (optional)")
    reason.focus()  # the editor is in the page, its swap not settled yet
    expect(row).to_have_class(re.compile(r"\bhtmx-added\b"))
    page.keyboard.type("a quo")
    expect(page.locator(".htmx-added")).to_have_count(0)  # settled: autofocus was due now
    page.keyboard.type("tation")
    expect(reason).to_be_focused()
    expect(reason).to_have_value("a quotation")
    expect(row.locator("textarea")).to_have_value(before)


def test_the_editor_still_takes_the_focus_when_nothing_else_has_it(live_app, page):
    open_sample(page, live_app)
    row = page.locator("#" + row_with(page, "au level où").get_attribute("id"))
    page.evaluate("htmx.config.defaultSettleDelay = 300")
    row.locator(".tgt-text").click()
    expect(page.locator(".htmx-added")).to_have_count(0)
    expect(row.locator("textarea")).to_be_focused()


def test_j_right_after_a_keeps_the_next_row(live_app, page):
    """A approves the row; its answer (the row, with autofocus) is in the page; J moves on
    before the swap settles: the focus stays on the next row."""
    open_sample(page, live_app)
    rows = page.locator("#units-body tr.unit")
    page.evaluate("htmx.config.defaultSettleDelay = 1000")
    rows.nth(1).locator(".tgt-text").focus()
    page.keyboard.press("a")
    expect(rows.nth(1).locator(".badge")).to_have_text("approved")  # swapped in
    expect(rows.nth(1)).to_have_class(re.compile(r"\bhtmx-added\b"))  # not settled yet
    page.keyboard.press("j")
    expect(rows.nth(2).locator(".tgt-text")).to_be_focused()
    expect(page.locator(".htmx-added")).to_have_count(0)  # settled
    expect(rows.nth(2).locator(".tgt-text")).to_be_focused()
