"""Pieces of the OpenAPI description that each endpoint module uses in its PATHS
(app/web/api/openapi.py merges them): an operation with its token scope and the problems
it may answer, JSON bodies, parameters and schema references."""

PROBLEM_RESPONSES = {
    400: "Bad input (the problem's `field` names it)",
    401: "No valid token (none, unknown, revoked, or its user deactivated)",
    403: "The token's scope or the user's role does not allow this",
    404: "Not found, or a document the token's user may not open",
    409: "Edit conflict: the problem's `current` holds the current text and version",
    412: "If-Match does not match the current version",
    413: "Too large (the problem's `detail` says what and the limit)",
    415: "Unsupported media type",
    422: "Refused (the problem's `detail` says why, `field` what)",
    428: "If-Match or a version is required",
    429: "Too many requests from this token (see Retry-After)",
}


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema):
    return {"application/json": {"schema": schema}}


def problem(code):
    return {"description": PROBLEM_RESPONSES[code],
            "content": {"application/problem+json": {"schema": ref("Problem")}}}


def operation(summary, scope, responses, *, problems=(), parameters=(), body=None,
              description=None, tag=None, operation_id=None):
    """One operation: `scope` "read" or "write" (None: no token), `responses` {code: response},
    `problems` the error codes it may answer besides those a token brings (401, 429; 403
    for a write)."""
    out = {"summary": summary, "responses": {}}
    if operation_id:
        out["operationId"] = operation_id
    if description:
        out["description"] = description
    if tag:
        out["tags"] = [tag]
    out["security"] = [{"token": [scope]}] if scope else []
    if parameters:
        out["parameters"] = list(parameters)
    if body is not None:
        out["requestBody"] = body
    out["responses"].update({str(code): answer for code, answer in responses.items()})
    codes = set(problems) | ({401, 429} if scope else set()) | \
        ({403} if scope == "write" else set())  # a read token
    for code in sorted(codes):
        out["responses"][str(code)] = problem(code)
    return out


def ok(description, schema=None, headers=None):
    answer = {"description": description}
    if schema is not None:
        answer["content"] = json_content(schema)
    if headers:
        answer["headers"] = headers
    return answer


def path_param(name, description, schema=None):
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": schema or {"type": "string"}}


def query_param(name, description, schema=None):
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


PAGE_PARAMETERS = (
    query_param("limit", "Items per page, 1 to 200 (default 50).",
                {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}),
    query_param("cursor", "The cursor of the page to give (from a page's `next`)."),
)


def page_of(schema):
    """A page of items of `schema`."""
    return {"type": "object", "required": ["items", "next"],
            "properties": {"items": {"type": "array", "items": schema},
                           "next": {"type": ["string", "null"], "format": "uri",
                                    "description": "The next page's URL; null on the last"}}}
