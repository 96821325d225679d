"""Issue 14 in Chromium: a long document shows its grammar checks running, then done; a
grammar finding is highlighted with Grammalecte's fix as a button in the editor, and an
English word on which French grammar breaks is one untranslated finding, not two."""
import re

import pytest
from playwright.sync_api import expect

from app.store import checkpass, documents, importing, session_scope
from tests.conftest import require_grammalecte
from tests.e2e.conftest import SCREENSHOTS

WAIT_MS = 120_000  # a bound on waiting for the server (never a timing assertion)
PAIRS = [
    ("The ministers signed the agreement.", "Les ministres a signé l’accord."),
    ("The bridge where the main road was closed reopened.",
     "Le pont où le main pont a été fermé a rouvert."),
    ("The children are playing in the garden.", "Les enfants jouent dans le jardin."),
    ("The report was published on 3 May.", "Le rapport a été publié le 3 mai."),
]


@pytest.fixture
def long_document(live_app, monkeypatch):
    """A document long enough for its grammar to be left to a check pass (not run yet)."""
    require_grammalecte()
    monkeypatch.setattr(documents, "INLINE_UNITS", 5)
    pairs = [PAIRS[i % len(PAIRS)] for i in range(12)]
    with session_scope(live_app) as session:
        doc = importing.create_document(
            session, title="Grammar pass", reference_text="\n\n".join(r for r, _ in pairs),
            target_text="\n\n".join(t for _, t in pairs), source_lang="en", target_lang="fr",
            author="t")
        session.commit()
        return doc.id, doc.slug


def test_grammar_pass_then_finding_with_its_fix(live_app, page, long_document):
    document_id, slug = long_document
    url = f"{live_app.config['LIVE_URL']}/documents/{slug}"
    page.goto(url)
    note = page.locator("#checks-running")
    expect(note).to_contain_text("Grammar checks are running: 0 of 12 segments")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "grammar-pass-running.png"))

    assert checkpass.run_pending(live_app.extensions["store"], document_id, 60)
    expect(note).to_contain_text("Grammar checks are done", timeout=WAIT_MS)  # polled by htmx
    page.get_by_role("link", name="reload the page").click()
    expect(page.locator("#checks-running")).to_have_count(0)

    first = page.locator("tr.unit").first
    expect(first.locator("mark.flag-grammar")).to_have_text("a")
    first.locator(".tgt-text").click()
    editor = page.locator("textarea").first
    expect(editor).to_be_visible()
    findings = page.locator("li.finding")
    expect(findings.filter(has_text="grammar")).to_have_count(1)
    apply = findings.get_by_role("button", name=re.compile("Apply \u201cont\u201d"))
    expect(apply).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "grammar-finding-editor.png"))
    apply.click()
    expect(page.locator("tr.unit").first).to_contain_text("Les ministres ont signé",
                                                          timeout=WAIT_MS)

    # "le main pont": one untranslated finding that says grammar breaks there too.
    second = page.locator("tr.unit").nth(1)
    expect(second.locator("mark.flag-untranslated")).to_have_text("main")
    expect(second.locator("mark.flag-grammar")).to_have_count(0)
    second.locator(".tgt-text").click()
    expect(page.locator("li.finding")).to_have_count(1)
    expect(page.locator("li.finding")).to_contain_text("French grammar breaks on it too")
    page.screenshot(path=str(SCREENSHOTS / "homograph-folded.png"))
