"""The API's OpenAPI schema, for tests that compare an answer with what the schema promises."""

import functools

import jsonschema
from drf_spectacular.generators import SchemaGenerator


@functools.cache
def api_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = api_schema()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def answer_schema(path: str, method: str, code: int = 200) -> dict:
    """The schema of an operation's JSON answer, its component resolved."""
    response = api_schema()["paths"][path][method]["responses"][str(code)]
    return resolve(response["content"]["application/json"]["schema"])


def is_page(schema: dict) -> bool:
    return set(schema["properties"]) == {"count", "next", "previous", "results"}


def _json_schema(node):
    """OpenAPI 3.0 → JSON Schema: `nullable: true` becomes "or null"."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def assert_fits(data, path: str, method: str, code: int = 200) -> None:
    """The answer is what the schema says (every property, type, enum, null)."""
    response = api_schema()["paths"][path][method]["responses"][str(code)]
    schema = _json_schema(response["content"]["application/json"]["schema"])
    schema["components"] = _json_schema(api_schema()["components"])
    jsonschema.validate(data, schema)
