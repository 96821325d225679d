"""A large import in Chromium: the progress bar moves while the server works, the browser lands
on the new document; another import is cancelled from its page and leaves nothing."""
import re
import threading

import pytest
from playwright.sync_api import Error, expect

from app.store import importing, jobs
from app.web import jobview
from tests.e2e.conftest import SCREENSHOTS
from tests.web.test_import_jobs import synthetic_pair

WAIT_MS = 300_000  # a bound on waiting for the server (never a timing assertion)
SENTENCES = 2500   # a few seconds of segmenting, aligning and checking


@pytest.fixture
def background(live_app):
    """The live server with its imports in a background worker, as in production."""
    live_app.config.update(IMPORT_JOBS_INLINE=False, IMPORT_POLL_SECONDS=0.2)
    yield live_app
    worker = live_app.extensions.get("import_worker")
    if worker is not None:
        worker.stop(WAIT_MS / 1000)


def submit(page, app, title, seed, sentences=SENTENCES):
    reference, target = synthetic_pair(sentences, seed=seed)
    page.goto(app.config["LIVE_URL"] + "/documents/new")
    page.get_by_label("Title").fill(title)
    for name, text in (("reference_file", reference), ("target_file", target)):
        page.locator(f'input[name="{name}"]').set_input_files(
            {"name": f"{name}.txt", "mimeType": "text/plain", "buffer": text.encode()})
    page.get_by_role("button", name="Import, align and check").click()
    page.wait_for_url(re.compile(r"/imports/\d+$"))


class StageHolds:
    """Hold a running job inside each of `phases` (at its first report between the phase's
    start and its end, once written) until the test has seen that phase on the page: the
    server may be faster than the page's polls, and the test must not depend on the
    machine's speed. Each hold waits at most WAIT_MS."""

    def __init__(self, monkeypatch, phases):
        monkeypatch.setattr(jobs.Reporter.__init__, "__defaults__", (0.0,))  # write each
        self.released = {phase: threading.Event() for phase in phases}
        report = jobs.Reporter.__call__
        holds = self

        def report_and_hold(reporter, phase, done, total):
            report(reporter, phase, done, total)
            if phase in holds.released and holds.inside(phase, done, total):
                holds.released[phase].wait(WAIT_MS / 1000)

        monkeypatch.setattr(jobs.Reporter, "__call__", report_and_hold)

    @staticmethod
    def inside(phase, done, total):
        """The bar of this report is strictly inside the phase's share of it."""
        low, high = jobview.PHASE_SPANS[jobs.PAIR][phase]
        return 0 < done < total and low < low + (high - low) * done // total < high

    def seen(self, percent):
        """The page showed `percent`: release the phase whose share of the bar holds it."""
        for phase, (low, high) in jobview.PHASE_SPANS[jobs.PAIR].items():
            if low < percent < high and phase in self.released:
                self.released[phase].set()

    def release_all(self):
        for event in self.released.values():
            event.set()


def test_progress_bar_moves_and_lands_on_the_document(background, page, monkeypatch):
    holds = StageHolds(monkeypatch, (importing.ALIGNING, importing.CHECKING))
    try:
        submit(page, background, "A long report", seed=1)
        expect(page.get_by_role("heading", name="Importing “A long report”")).to_be_visible()
        bar = page.get_by_role("progressbar")
        expect(bar).to_be_visible()
        seen, shot = [], False
        ended = page.locator("#import-job.job-failed, #import-job.job-cancelled")
        while "/imports/" in page.url and not ended.count():
            try:
                seen.append(int(bar.get_attribute("value", timeout=1000)))
            except Error:  # the page is being replaced by the document
                continue
            holds.seen(seen[-1])
            if not shot and 0 < seen[-1] < 100:
                SCREENSHOTS.mkdir(exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / "import-progress.png"))
                shot = True
            page.wait_for_timeout(150)
    finally:
        holds.release_all()  # a failing test never leaves the server's worker waiting
    expect(page).to_have_url(re.compile(r"/documents/a-long-report$"), timeout=WAIT_MS)
    expect(page.locator("h1")).to_contain_text("A long report")
    expect(page.locator("tr.unit").first).to_be_visible()
    moving = [v for v in seen if 0 < v < 100]
    assert len(set(moving)) >= 2, seen  # the bar moved while the server worked
    assert seen == sorted(seen)  # and never went back


def test_cancel_an_import_from_its_page(background, page, monkeypatch):
    holds = StageHolds(monkeypatch, (importing.ALIGNING,))  # aligning until Cancel is pressed
    try:
        submit(page, background, "Never mind", seed=2)
        expect(page.locator(".job-label")).to_have_text("Aligning the sentences",
                                                        timeout=WAIT_MS)
        page.get_by_role("button", name="Cancel the import").click()
        expect(page.get_by_role("button", name="Cancel the import")).to_have_count(
            0, timeout=WAIT_MS)
    finally:
        holds.release_all()
    expect(page.get_by_role("alert").filter(has_text=jobs.CANCELLED_MESSAGE)).to_be_visible(
        timeout=WAIT_MS)
    expect(page.get_by_role("link", name="Import a document")).to_be_visible()
    page.goto(background.config["LIVE_URL"] + "/")
    expect(page.locator("table.doc-list")).to_contain_text("CSTO")
    expect(page.locator("table.doc-list")).not_to_contain_text("Never mind")
