"""The OpenAPI description at /api/v1/openapi.json matches the app's routes both ways (every
/api/v1 route documented with its methods and its token scope; every documented operation
routed), and is a valid OpenAPI 3.1 document (openapi-spec-validator)."""
import re

from openapi_spec_validator import validate

IGNORED = {"HEAD", "OPTIONS"}


def routed(app):
    """{OpenAPI path: {method: view}} of the app's /api/v1 rules."""
    out = {}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        assert rule.endpoint.startswith("api."), rule.rule
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        view = app.view_functions[rule.endpoint]
        for method in rule.methods - IGNORED:
            out.setdefault(path, {})[method.lower()] = view
    return out


def described(app):
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_every_route_is_described_with_its_methods_and_scope(app):
    doc, routes = described(app), routed(app)
    assert "/api/v1/documents" in routes and "/api/v1/openapi.json" in routes
    for path, methods in routes.items():
        assert path in doc["paths"], f"{path} is routed but not described"
        assert set(doc["paths"][path]) == set(methods), path
        for method, view in methods.items():
            operation = doc["paths"][path][method]
            scope = getattr(view, "api_scope", None)
            expected = [{"token": [scope]}] if scope else []
            assert operation["security"] == expected, (path, method)
            assert "401" in operation["responses"] if scope else True, (path, method)


def test_every_described_operation_is_routed(app):
    doc, routes = described(app), routed(app)
    for path, operations in doc["paths"].items():
        assert path in routes, f"{path} is described but not routed"
        for method in operations:
            assert method in routes[path], f"{method.upper()} {path} is described, not routed"


def test_the_description_is_valid_openapi_3_1(app):
    doc = described(app)
    assert doc["openapi"].startswith("3.1")
    validate(doc)  # raises on an invalid document
    ids = [op["operationId"] for ops in doc["paths"].values() for op in ops.values()
           if "operationId" in op]
    assert len(ids) == len(set(ids))


def test_every_path_parameter_is_declared(app):
    doc = described(app)
    for path, operations in doc["paths"].items():
        names = set(re.findall(r"{([^}]+)}", path))
        for method, operation in operations.items():
            declared = {p["name"] for p in operation.get("parameters", ()) if p["in"] == "path"}
            assert declared == names, (path, method)


def test_the_description_needs_no_token_and_problems_are_referenced(app):
    doc = described(app)
    problem = doc["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "instance", "field"} <= set(problem["properties"])
    assert doc["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    for operations in doc["paths"].values():
        for operation in operations.values():
            for code, answer in operation["responses"].items():
                if int(code) >= 400:
                    assert "application/problem+json" in answer["content"], code
