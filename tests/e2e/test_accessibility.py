"""Accessibility in Chromium (issue 18 item 8): axe-core (bundled by axe-playwright-python, no
download) over every page and state a reviewer meets, with no violation of the WCAG 2.1 A/AA
rules; and a keyboard-only walk: the skip link reaches the first segment, a segment is edited,
saved and approved from the keyboard, and the live region says what happened each time."""
import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_review_loop import open_sample, row_with

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each."""
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:4]}"
            for v in result.response["violations"]]


def shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), caret="initial")


def test_axe_finds_no_wcag21_aa_violation_on_any_page_or_state(live_app, browser, page):
    found = {}
    base = live_app.config["LIVE_URL"]

    visitor = browser.new_page()
    visitor.goto(base + "/login")
    found["sign-in"] = violations(visitor)
    visitor.close()

    page.goto(base + "/")
    found["documents list"] = violations(page)
    open_sample(page, live_app)
    slug = page.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
    found["document page"] = violations(page)

    flag = row_with(page, "au level où").locator("mark.flag").first
    flag.focus()
    found["tooltip open"] = violations(page)

    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    found["help overlay"] = violations(page)
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()

    row = row_with(page, "members")
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").click()
    editor = page.locator(f"#{row_id} textarea")
    expect(editor).to_be_focused()
    found["editor open"] = violations(page)

    page.locator(f"#{row_id}").get_by_role("button", name="History").click()
    expect(page.locator(f"#history-{row_id.removeprefix('unit-')} .history")).to_be_visible()
    found["history"] = violations(page)

    editor.fill("")
    editor.press("Enter")
    expect(page.locator("#confirm-omission")).to_be_visible()
    found["empty-save dialog"] = violations(page)
    page.locator("#confirm-omission").get_by_role("button", name="Keep editing").click()

    page.goto(f"{base}/documents/{slug}?q=members")
    expect(page.locator("#units-body tr.unit").first).to_be_visible()
    found["search results"] = violations(page)

    for name, path in [("changes page", f"/documents/{slug}/changes"),
                       ("document glossary", f"/documents/{slug}/glossary"),
                       ("workspace glossary", "/glossary"),
                       ("checks page", f"/documents/{slug}/settings"),
                       ("users page", "/users"),
                       ("preferences", "/preferences")]:
        page.goto(base + path)
        found[name] = violations(page)

    assert {name: v for name, v in found.items() if v} == {}


def test_keyboard_only_walk_skip_link_edit_save_approve_undo_announced(live_app, page):
    open_sample(page, live_app)
    status = page.locator("#status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Tab")                         # the first focusable element
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to segments")
    expect(skip).to_be_in_viewport()
    shot(page, "a11y-skip-link-focus.png")
    page.keyboard.press("Enter")
    rows = page.locator("#units-body tr.unit")
    first = rows.nth(0).locator(".tgt-text")
    expect(first).to_be_focused()
    # named by its French text, its number and state in the description
    expect(first).to_have_accessible_name(first.inner_text().strip())
    expect(first).to_have_accessible_description(re.compile(r"^Segment 1, MT, \d+ open findings?\. "))

    page.keyboard.press("j")
    second = rows.nth(1)
    second_id = second.get_attribute("id")
    expect(second.locator(".tgt-text")).to_be_focused()
    shot(page, "a11y-segment-focus.png")
    page.keyboard.press("Enter")
    editor = page.locator(f"#{second_id} textarea")
    expect(editor).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Fin.")
    shot(page, "a11y-editor-focus.png")
    page.keyboard.press("Enter")
    row = page.locator(f"#{second_id}")
    expect(row.locator(".tgt-text")).to_contain_text("Fin.")
    expect(row.locator(".tgt-text")).to_be_focused()
    expect(status).to_have_text("Segment 2 saved.")
    expect(row.locator(".tgt-text")).to_have_accessible_description(re.compile(r"^Segment 2, edited"))

    page.keyboard.press("a")
    expect(row.locator(".badge").first).to_have_text("approved")
    expect(status).to_have_text("Segment 2 approved.")
    expect(row.locator(".tgt-text")).to_be_focused()

    page.keyboard.press("Control+z")
    expect(row.locator(".badge").first).to_have_text("edited")
    expect(status).to_have_text(re.compile(r"^Undone: .*segment 2\.$"))
    page.keyboard.press("Control+Shift+z")
    expect(row.locator(".badge").first).to_have_text("approved")
    expect(status).to_have_text(re.compile(r"^Redone: .*segment 2\.$"))


def test_escape_closes_a_flags_tooltip_and_the_focus_stays(live_app, page):
    open_sample(page, live_app)
    flag = row_with(page, "au level où").locator("mark.flag", has_text="level")
    flag.focus()
    tip = lambda: flag.evaluate("m => getComputedStyle(m, '::after').display")  # noqa: E731
    assert tip() != "none"
    shot(page, "a11y-tooltip-open.png")
    page.keyboard.press("Escape")
    expect(flag).to_have_class(re.compile(r"\btip-closed\b"))
    assert tip() == "none"
    expect(flag).to_be_focused()
    shot(page, "a11y-tooltip-closed.png")
    page.keyboard.press("Shift+Tab")                   # left: the tooltip shows again next time
    expect(flag).not_to_have_class(re.compile(r"\btip-closed\b"))


def test_single_key_shortcuts_off_or_with_a_modifier(live_app, page):
    base = live_app.config["LIVE_URL"]
    page.goto(base + "/preferences")
    page.get_by_role("radio", name=re.compile("^Off")).check()
    expect(page.locator("#status")).to_have_text("Saved: off.")
    shot(page, "a11y-preferences.png")
    open_sample(page, live_app)
    row = page.locator("#units-body tr.unit").nth(0)
    row.locator(".tgt-text").focus()
    page.keyboard.press("a")                           # off: A does nothing
    page.keyboard.press("Enter")                       # Enter still edits
    expect(row.locator("textarea")).to_be_focused()
    page.keyboard.press("Escape")
    expect(row.locator(".tgt-text")).to_be_focused()
    expect(row.locator(".badge").first).to_have_text("MT")
    expect(page.locator("#status")).not_to_contain_text("approved")

    page.goto(base + "/preferences")
    expect(page.get_by_role("radio", name=re.compile("^Off"))).to_be_checked()   # kept for this user
    page.get_by_role("radio", name=re.compile("^With a modifier")).check()
    open_sample(page, live_app)
    row = page.locator("#units-body tr.unit").nth(0)
    row.locator(".tgt-text").focus()
    page.keyboard.press("a")                           # the key alone: nothing
    page.keyboard.press("Alt+Shift+KeyA")              # with the modifier: approved
    expect(row.locator(".badge").first).to_have_text("approved")
    expect(page.locator("#status")).to_have_text("Segment 1 approved.")


def luminance(rgb):
    """WCAG 2.1 relative luminance of an 'rgb(r, g, b)' colour."""
    channels = [int(x) / 255 for x in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# the nearest opaque background behind an element, as Chromium computes it
BACKGROUND = """el => { for (let e = el.parentElement; e; e = e.parentElement) {
  const c = getComputedStyle(e).backgroundColor;
  if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; }"""


def test_focus_ring_and_field_borders_are_3_to_1_against_their_backgrounds(live_app, page):
    open_sample(page, live_app)
    ratios = {}
    targets = {"segment": "#units-body tr.unit .tgt-text", "flag": "mark.flag",
               "search field": "#q", "button": ".head-actions .button",
               "top bar link": ".topbar nav a"}
    for name, selector in targets.items():
        element = page.locator(selector).first
        element.focus()
        page.keyboard.press("Shift")      # a key press: :focus-visible as for a keyboard user
        ring = element.evaluate("e => getComputedStyle(e).outlineColor")
        ratios[f"ring of {name}"] = contrast(ring, element.evaluate(BACKGROUND))
    for selector in ("#q", "select[name=state]"):
        field = page.locator(selector)
        ratios[f"border of {selector}"] = contrast(field.evaluate("e => getComputedStyle(e).borderTopColor"),
                                                   field.evaluate(BACKGROUND))
    row_id = row_with(page, "au level où").get_attribute("id")
    page.locator(f"#{row_id} .tgt-text").click()
    area = page.locator(f"#{row_id} textarea")
    ratios["border of the editor"] = contrast(area.evaluate("e => getComputedStyle(e).borderTopColor"),
                                              area.evaluate(BACKGROUND))
    assert {name: round(r, 2) for name, r in ratios.items() if r < 3} == {}, ratios
    print({name: round(r, 2) for name, r in ratios.items()})
