"""The API's error answers in its OpenAPI schema (a drf-spectacular postprocessing hook).

drf-spectacular documents only the answers a view returns when all goes well. Clients, and
the fuzzing suite that checks every answer against the schema (`scripts/api-fuzz.sh`), also
need the errors: DRF answers 400 with the serializer's messages (an object of field →
messages, or a list of messages from a service), 401/403/404 with `{"detail": "..."}`.
"""

METHODS = ("get", "post", "put", "patch", "delete")

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION = {
    "oneOf": [
        {
            "type": "object",
            "additionalProperties": {},
            "description": "Field name (or detail / non_field_errors) → messages",
        },
        {"type": "array", "items": {"type": "string"}},
    ]
}


def _response(description: str, component: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


def document_errors(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {}).update(
        {"ErrorDetail": DETAIL, "ValidationErrors": VALIDATION}
    )
    for item in result.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = operation.get("parameters", [])
            errors = {
                "401": _response("Not signed in, or the credentials are wrong", "ErrorDetail"),
                "403": _response("Signed in, but not allowed", "ErrorDetail"),
            }
            # A path names something that may not exist (or not for this user); a page
            # number past the end is also "not found" (DRF's pagination).
            if any(p["in"] == "path" or p["name"] == "page" for p in parameters):
                errors["404"] = _response("Not found", "ErrorDetail")
            # Any input may be refused, a path's too: the object's state may forbid the action
            # (an export of a closed payout batch).
            if method != "get" or parameters:
                errors["400"] = _response(
                    "Refused: the input, or the action in the object's state (Chinese messages)",
                    "ValidationErrors",
                )
            for code, response in errors.items():
                operation["responses"].setdefault(code, response)
    return result
