"""The workbench in French (issue 19), in Chromium with a French browser (locale fr-FR, so
Accept-Language: fr-FR): sign in, open the sample, edit a segment, approve one, open the
keyboard help, open the changes page. On every screen the interface's own text (labels,
buttons, titles, tooltips, screen-reader text) is French: none of a list of English words
appears once the document's texts are set aside (a finding's message is French too, the
document's words it quotes aside); dates are written the French way ("3 déc. 2026"). Screenshots of the document page
and of the editor in French."""
import re
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, SCREENSHOTS, SERVER_WAIT_MS, USER
from tests.e2e.test_review_loop import row_with

SAMPLE_TITLE = "CSTO ends its peacekeeping mission in Kazakhstan"

# English words of the interface that must not be left (whole words, case kept).
ENGLISH = ["Save", "Saved", "Dismiss", "Dismissed", "Approve", "Approved", "approved",
           "flagged", "Flagged", "Changes", "changed", "Undo", "Redo", "Next", "Previous",
           "Sign in", "Sign out", "Preferences", "Cancel", "History", "Edit", "edited",
           "Edited", "Revert", "Merge", "Search", "Filter", "Close", "Keyboard", "shortcuts",
           "Reference", "Users", "Glossary", "Settings", "Export", "Apply", "Reopen", "Back",
           "Since", "Author", "quality", "Checks", "Documents in", "New document", "words",
           "Segment saved", "Find", "Replace", "Preview", "Progress", "Title", "Username",
           "Password", "the", "and", "with", "of", "to", "is", "MT", "your", "from", "in",
           "for", "by", "this", "that", "not", "no", "midnight", "time zone",
           # words of the finding messages (issue 19: shown in the reader's language)
           "reference", "translation", "word", "left", "space", "expected",
           # finding categories and severities (MQM), shown as labels
           "untranslated", "mistranslation", "addition", "terminology", "consistency",
           "punctuation", "typography", "spelling", "grammar", "minor", "major", "critical"]
ENGLISH_RE = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")

# What is the document's own text, set aside (a finding's message, its category and
# severity are the interface's: kept).
NOT_INTERFACE = ", ".join([
    "td.ref", ".tgt-text", "td.tgt > span[dir]", "textarea", ".dismissed li [lang]",
    ".mt-note [lang]", ".history .diff", "[lang='en']"])

_INTERFACE_TEXT = """(skip) => {
  const out = [document.title];
  const shown = el => el.checkVisibility({visibilityProperty: true}) || el.closest('.sr-only');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || (el.closest(skip) && !el.closest('.cat')) || !shown(el)) continue;
    if (el.closest('script, style, template')) continue;
    out.push(walker.currentNode.textContent);
  }
  for (const el of document.body.querySelectorAll('.cat')) {   // the severity, from CSS
    if (shown(el)) out.push(getComputedStyle(el, '::after').content);
  }
  for (const el of document.body.querySelectorAll('[title], [aria-label], [placeholder]')) {
    if (el.closest(skip) || !shown(el)) continue;
    for (const name of ['title', 'aria-label', 'placeholder']) {
      if (el.hasAttribute(name)) out.push(el.getAttribute(name));
    }
  }
  return out.join('\\n');
}"""


# A text quoted in a label (« state of affairs » in "Remplacer « state of affairs » par ...") or
# in a finding's message ("Absent de la traduction : “Kazakhstan”, ...") is the document's: set
# aside too.
QUOTED = re.compile("«\u202f[^»]*\u202f»|\u201c[^\u201d]*\u201d")


def interface_text(page):
    """The interface's visible text and labels, the document's texts set aside."""
    text = page.evaluate(_INTERFACE_TEXT, NOT_INTERFACE).replace(SAMPLE_TITLE, "")
    return QUOTED.sub("« »", text)


def assert_french(page, screen):
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    text = interface_text(page)
    left = sorted({m.group(0) for m in ENGLISH_RE.finditer(text)})
    lines = [line for line in text.splitlines() if ENGLISH_RE.search(line)]
    assert not left, f"English left on {screen}: {left} in {lines[:10]}"
    return text


def french_dates():
    """Today (UTC, and the day either side, for a run at midnight) as Babel's French medium
    date writes it: "3 déc. 2026"."""
    months = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
              "oct.", "nov.", "déc."]
    now = datetime.now(timezone.utc)
    return [f"{d.day} {months[d.month - 1]} {d.year}"
            for d in (now - timedelta(days=1), now, now + timedelta(days=1))]


def french_browser(browser):
    """(context, page, errors): a Chromium context with a French (fr-FR) browser locale, its
    page, and the list the page's script errors go to."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(SERVER_WAIT_MS)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, errors


def test_the_workbench_in_french(browser, live_app):
    base = live_app.config["LIVE_URL"]
    context, page, errors = french_browser(browser)
    SCREENSHOTS.mkdir(exist_ok=True)

    # Sign in: the form in French, found by its French labels
    page.goto(base + "/login")
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    assert_french(page, "the sign-in page")
    page.get_by_label("Nom d’utilisateur").fill(USER)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(base + "/")
    assert_french(page, "the document list")

    # The sample document
    page.get_by_role("link", name=re.compile(SAMPLE_TITLE)).click()
    expect(page.locator("table.units")).to_be_visible()
    page.wait_for_load_state("load")
    expect(page.get_by_role("link", name="Modifications")).to_be_visible()
    assert_french(page, "the document page")
    page.screenshot(path=str(SCREENSHOTS / "fr-document.png"))

    # Edit a segment: the editor in French, then saved
    row = row_with(page, "au level où")
    row_id = row.get_attribute("id")
    row.locator(".tgt-text").click()
    area = page.locator(f"#{row_id} textarea")
    expect(area).to_be_focused()
    area.fill(area.input_value().replace("au level où", "au point où"))
    editor = page.locator(f"#{row_id}")
    for label in ("Enregistrer", "Enregistrer et continuer", "Annuler", "Historique"):
        expect(editor.get_by_role("button", name=label, exact=True)).to_be_visible()
    assert_french(page, "the editor")
    page.screenshot(path=str(SCREENSHOTS / "fr-editor.png"))
    editor.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(f"#{row_id} .tgt-text")).to_contain_text("au point où")
    expect(page.locator(f"#{row_id} .badge")).to_have_text("modifié")

    # Approve it
    page.locator(f"#{row_id}").get_by_role("button", name="Approuver").click()
    expect(page.locator(f"#{row_id} .badge")).to_have_text("approuvé")
    expect(page.get_by_text(re.compile(r"Segment \d+ approuvé\."))).to_be_attached()
    assert_french(page, "the document page after a save and an approval")

    # The keyboard help (?)
    page.locator(f"#{row_id} .tgt-text").focus()
    page.keyboard.press("?")
    help_box = page.get_by_role("dialog")
    expect(help_box).to_be_visible()
    expect(help_box).to_contain_text("Raccourcis clavier")
    expect(help_box).to_contain_text("Échap")
    assert_french(page, "the keyboard help")
    page.screenshot(path=str(SCREENSHOTS / "fr-help.png"))
    page.keyboard.press("Escape")

    # The changes page: its labels, and the revision's date the French way
    page.get_by_role("link", name="Modifications").click()
    expect(page.locator("table.changes tbody tr")).to_have_count(1)
    text = assert_french(page, "the changes page")
    assert any(day in text for day in french_dates()), text
    assert not re.search(r"\b(?:Dec|Jan|Nov)\b|\d{1,2}/\d{1,2}/\d{4}", text)
    expect(page.locator(".oplist")).to_contain_text("Approbation du segment")
    page.screenshot(path=str(SCREENSHOTS / "fr-changes.png"))
    context.close()
    assert errors == []
