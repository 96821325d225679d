"""Numbers past what the database stores (PostgreSQL's integer, 2**31 - 1; SQLite's INTEGER,
2**63 - 1, is tested too) in addresses, forms and
query strings: 404 for an id in a route, 400 naming the field for a form or query value;
never a 500 from the driver."""
import pytest

from app.web.numbers import MAX_INT, BoundedInt
from tests.web.api_helpers import user_token
from tests.web.conftest import HX

HUGE = "99999999999999999999"


def int_routes(app):
    """(rule, methods) of every route with an <int:...> part."""
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(c, BoundedInt) for c in rule._converters.values())]


def address(rule, value):
    """The rule's address with every int part set to `value` (and the other parts to 'x')."""
    parts = {name: (value if isinstance(conv, BoundedInt) else "x")
             for name, conv in rule._converters.items()}
    path = rule.rule
    for name, conv in rule._converters.items():
        path = path.replace(f"<{'int:' if isinstance(conv, BoundedInt) else ''}{name}>",
                            parts[name])
    return path


def test_every_int_route_is_bounded(app):
    rules = int_routes(app)
    assert len(rules) >= 20  # units, alignment, users, imports, glossary, operations
    assert all("<int:" in rule.rule for rule in rules)


@pytest.mark.parametrize("value", [HUGE, str(2**63 - 1), str(MAX_INT + 1), str(MAX_INT)])
def test_ids_past_the_range_are_not_found(client, app, value):
    api = {"Authorization": f"Bearer {user_token(app, 'tester')}"}
    for rule in int_routes(app):
        url = address(rule, value)
        method = "GET" if "GET" in rule.methods else "POST"
        headers = {**HX, **api} if url.startswith("/api/") else HX  # the API: with a token
        response = client.open(url, method=method, headers=headers, data=dict.fromkeys(
            ("version", "to", "finding", "ref_cut", "tgt_cut"), "1"))
        assert response.status_code == 404, (url, response.status_code)


def test_offset_past_the_range_is_a_bad_request(client):
    for value in (HUGE, "-1", "ten", "١٢"):
        response = client.get("/documents/csto-ends-its-peacekeeping-mission-in-kazakhstan",
                              query_string={"offset": value})
        assert response.status_code == 400, value
        assert "offset must be a whole number from 0 to" in response.get_data(as_text=True)
    assert client.get("/documents/csto-ends-its-peacekeeping-mission-in-kazakhstan",
                      query_string={"offset": str(MAX_INT)}).status_code == 200  # past the end


def test_form_numbers_past_the_range_are_bad_requests(client, app):
    from app.store import documents, session_scope

    with session_scope(app) as session:
        unit_id = documents.list_documents(session)[0].units[0].id
    cases = [(f"/units/{unit_id}", {"text": "Bonjour.", "version": HUGE}, "version"),
             (f"/units/{unit_id}/draft", {"text": "Bonjour.", "version": HUGE}, "version"),
             (f"/units/{unit_id}/revert", {"to": HUGE, "version": "1"}, "to"),
             (f"/units/{unit_id}/dismiss", {"finding": HUGE}, "finding"),
             (f"/units/{unit_id}/split", {"ref_cut": HUGE, "tgt_cut": "1"}, "ref_cut"),
             (f"/units/{unit_id}", {"text": "Bonjour."}, "version")]
    for url, data, field in cases:
        response = client.post(url, data=data, headers=HX)
        assert response.status_code == 400, (url, response.status_code)
        body = response.get_data(as_text=True)
        assert f"{field} must be a whole number from 0 to" in body, body
        assert "Traceback" not in body
