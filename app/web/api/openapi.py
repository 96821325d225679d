"""The OpenAPI 3.1 description of the API, served at /api/v1/openapi.json (no token needed).

Each endpoint module defines PATHS ({path: {method: operation}}, written with app.web.api.spec)
and may define SCHEMAS ({name: JSON schema}); SOURCES lists them, and importing this module
imports them (which registers their routes). tests/web/test_api_openapi.py checks the
description against the app's routes both ways."""
import importlib

from flask import current_app, jsonify

from app.web.api import bp, spec

# Endpoint modules of app.web.api, merged in this order.
SOURCES = ("documents", "units", "findings", "exports", "stats")
MODULES = [importlib.import_module(f"app.web.api.{name}") for name in SOURCES]

PROBLEM = {
    "type": "object", "required": ["type", "title", "status"],
    "description": "RFC 9457 problem details (application/problem+json).",
    "properties": {
        "type": {"type": "string", "format": "uri-reference"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What is wrong, for a person"},
        "instance": {"type": "string", "format": "uri-reference"},
        "field": {"type": "string", "description": "The input that is wrong"},
        "retry_after": {"type": "integer", "description": "429: seconds to wait"},
        "current": {"type": "object", "description": "409: the unit's current text, version "
                                                     "and state",
                    "properties": {"text": {"type": "string"}, "version": {"type": "integer"},
                                   "state": {"type": "string"}}},
    },
}

OWN_PATHS = {
    "/api/v1/openapi.json": {"get": spec.operation(
        "This description", None, {200: spec.ok("The OpenAPI 3.1 description",
                                                 {"type": "object"})},
        operation_id="getOpenApi", tag="meta")},
}


def document():
    """The whole description."""
    paths, schemas = dict(OWN_PATHS), {"Problem": PROBLEM}
    for module in MODULES:
        for path, operations in module.PATHS.items():
            paths.setdefault(path, {}).update(operations)
        schemas.update(getattr(module, "SCHEMAS", {}))
    return {
        "openapi": "3.1.0",
        "info": {"title": "Translation review workbench API", "version": "1",
                 "description": "Push machine-translated documents to review and pull the "
                                "results. Authenticate with a personal token (made on the "
                                "Preferences page or with `flask create-token`): "
                                "`Authorization: Bearer <token>`. Errors are RFC 9457 "
                                "problem details; lists are paged by cursor."},
        "servers": [{"url": "/"}],
        "security": [{"token": ["read"]}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "securitySchemes": {"token": {
                "type": "http", "scheme": "bearer",
                "description": "A personal API token; its scope (read or write) is named in "
                               "each operation's security requirement."}},
        },
    }


@bp.get("/openapi.json")
def openapi_json():
    """The description (no token needed)."""
    described = current_app.extensions.get("api_openapi")
    if described is None:
        described = current_app.extensions["api_openapi"] = document()
    return jsonify(described)
