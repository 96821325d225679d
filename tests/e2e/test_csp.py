"""The Content-Security-Policy is enforced: the pages work without inline script (the other
e2e tests fail on any violation), and an injected inline script is refused by the browser."""
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in
from tests.e2e.test_review_loop import open_sample


def test_injected_inline_script_is_refused(live_app, browser):
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda msg: violations.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    sign_in(page, live_app)
    open_sample(page, live_app)
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.injected = true';
        document.body.appendChild(s);
    }""")
    expect(page.locator("table.units")).to_be_visible()
    assert page.evaluate("() => window.injected === undefined")
    assert any("script-src" in v for v in violations), violations
    context.close()
