"""End-to-end fixtures: the workbench served on 127.0.0.1 in a thread, Debian Chromium
driven by Playwright (never `playwright install`: it downloads; the system browser is used)."""
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import require_tool
from tests.web.conftest import make_app

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def live_app(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    result = app.test_cli_runner().invoke(args=["load-sample"])
    assert result.exit_code == 0, result.output
    result = app.test_cli_runner().invoke(args=["create-user", "--role", "admin",
                                                "--password", PASSWORD, USER])
    assert result.exit_code == 0, result.output
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["LIVE_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield app
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    executable = require_tool("chromium", "the end-to-end tests drive a real browser")
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_api.expect.set_options(timeout=SERVER_WAIT_MS)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


USER, PASSWORD = "reviewer-e2e", "correct horse battery"
# A bound on waiting for the server (not a timing assertion): Playwright's default of 5 s is
# too short for a check or a save on a loaded 2-core CI machine.
SERVER_WAIT_MS = 60_000


def sign_in(page, live_app):
    """Sign in through the real form."""
    page.goto(live_app.config["LIVE_URL"] + "/login")
    page.get_by_label("Username").fill(USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_app.config["LIVE_URL"] + "/")


@pytest.fixture
def page(browser, live_app):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(SERVER_WAIT_MS)
    sign_in(page, live_app)
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    yield page
    context.close()
    assert errors == [], f"JavaScript errors or CSP violations on the page: {errors}"
