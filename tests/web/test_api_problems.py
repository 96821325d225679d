"""Every error under /api/v1 is RFC 9457 problem+json, never HTML (routing errors, a failing
database, bad JSON, store errors); the browser's error pages stay HTML; the rate limiter's
window slides."""
import pytest
from sqlalchemy import text

from app.store import session_scope
from app.web.api.auth import RateLimiter, parse_rate
from tests.web.api_helpers import auth, problem_of, user_token
from tests.web.conftest import login, make_app


def test_unknown_addresses_and_methods_are_problems(app):
    client, token = app.test_client(), user_token(app, "ana")
    for path in ("/api/v1/nothing", "/api/v1", "/api/v1/documents/a/b/c"):
        body = problem_of(client.get(path, headers=auth(token)), 404)
        assert body["instance"] == path and body["type"] == "about:blank"
    problem_of(client.get("/api/v1/nothing"), 404)  # no token: still a problem, no redirect
    refused = client.delete("/api/v1/documents", headers=auth(token))
    body = problem_of(refused, 405)
    assert "DELETE" in body["detail"] and "POST" in refused.headers["Allow"]
    problem_of(client.put("/api/v1/openapi.json"), 405)


def test_a_signed_in_browser_gets_problems_not_pages_under_the_api(app):
    browser = login(app, "boss")
    problem_of(browser.get("/api/v1/nothing"), 404)
    problem_of(browser.get("/api/v1/documents"), 401)


def test_the_browsers_error_pages_stay_html(app):
    browser = login(app, "boss")
    page = browser.get("/nothing-here")
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "There is nothing at this address." in page.get_data(as_text=True)


def test_a_server_error_is_a_problem_that_leaks_nothing(tmp_path):
    app = make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)
    token = user_token(app, "ana", grant=False)
    with session_scope(app) as session:  # a broken database: the list's query fails
        session.execute(text("DROP TABLE document_access"))
    response = app.test_client().get("/api/v1/documents", headers=auth(token))
    body = problem_of(response, 500)
    assert "nothing was changed" in body["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    assert "document_access" not in response.get_data(as_text=True)


def test_the_rate_limiters_window_slides():
    now = [100.0]
    limiter = RateLimiter(2, 60, clock=lambda: now[0])
    assert limiter.hit("a") == 0 and limiter.hit("b") == 0
    now[0] = 130.0
    assert limiter.hit("a") == 0
    assert limiter.hit("a") == 30  # the first of the two leaves the window at 160
    now[0] = 160.0
    assert limiter.hit("a") == 0 and limiter.hit("a") == 30


@pytest.mark.parametrize("value, expected", [("120/minute", (120, 60)), ("5 / second", (5, 1)),
                                             ("1000/hour", (1000, 3600))])
def test_rate_limits_are_read_from_the_config(value, expected):
    assert parse_rate(value) == expected


@pytest.mark.parametrize("value", ["120", "0/minute", "10/day", "many/minute", ""])
def test_a_bad_rate_limit_setting_says_what_it_should_be(value):
    with pytest.raises(ValueError, match="N/minute"):
        parse_rate(value)


def test_an_app_with_a_bad_rate_limit_does_not_start(tmp_path):
    with pytest.raises(ValueError, match="API_RATE_LIMIT"):
        make_app(tmp_path, API_RATE_LIMIT="lots")
