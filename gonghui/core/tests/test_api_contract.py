"""The API answers as its OpenAPI schema says. The fuzzing suite (scripts/api_fuzz.py, in CI)
checks this at large; these tests pin the rules down: the schema is generated without a
warning and documents the errors, every id in a path is a number (anything else is a JSON
404, never a crash), and refusals are JSON with a Chinese message."""

import re

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS

from gonghui.core.tests.openapi import api_schema

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def schema():
    return api_schema()


def operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def test_schema_is_generated_without_warnings_and_validates(tmp_path):
    GENERATOR_STATS.reset()  # warnings of an earlier generation in this process
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yml")
    assert not GENERATOR_STATS
    assert "/api/claims/{id}/approve/:" in (tmp_path / "s.yml").read_text()


def test_schema_documents_the_errors_of_every_operation(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        assert {"401", "403"} <= set(responses), (method, path)
        if "{" in path:
            detail = responses["404"]["content"]["application/json"]["schema"]
            assert detail == {"$ref": "#/components/schemas/ErrorDetail"}, (method, path)
        if method != "get":
            refused = responses["400"]["content"]["application/json"]["schema"]
            assert refused == {"$ref": "#/components/schemas/ValidationErrors"}, (method, path)
    assert schema["components"]["schemas"]["ErrorDetail"]["required"] == ["detail"]


def test_ids_in_paths_are_integers(schema):
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            # A service is named by its key (core.services_api.ServiceKeyConverter).
            if parameter["in"] == "path" and not path.startswith("/api/services/{key}/"):
                assert parameter["schema"]["type"] == "integer", (method, path, parameter)
    assert not [path for path in schema["paths"] if "{format}" in path]


def test_a_word_where_an_id_goes_is_not_found_everywhere(schema, client_for, staff, db):
    """`/api/hardship/files/abc/` and its actions answered 500; now no path with an id in it
    reaches a view with a word for the id."""
    client = client_for(staff.reviewer)
    for path, method, _operation in operations(schema):
        if "{" not in path:
            continue
        address = re.sub(r"\{[^}]+\}", "abc", path)
        response = getattr(client, method)(address, {}, content_type="application/json")
        assert response.status_code == 404, (method, address)
        assert response.json() == {"detail": "未找到。"}, (method, address)


def test_an_unknown_api_address_answers_json(client_for, staff):
    response = client_for(staff.union_a1).post("/api/no-such-thing/", {}, "application/json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "未找到。"}


def test_a_page_given_must_be_a_page_number(client_for, staff):
    client = client_for(staff.union_a1)
    assert client.get("/api/orgs/", {"page": "1"}).status_code == 200
    for page in ("", "last", "abc", "0", "99999999999999999999999"):
        response = client.get("/api/orgs/", {"page": page})
        assert response.status_code == 404, page
        assert response.json() == {"detail": "无效页面。"}, page


def test_a_request_over_django_limits_is_refused_in_json(client_for, staff, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    client = client_for(staff.finance)
    response = client.post("/api/payout-batches/", {"claims": list(range(1, 20))})
    assert response.status_code == 400
    assert response.json() == {"detail": "请求过大，或字段、文件过多。"}
    many = "&".join(f"union={n}" for n in range(20))
    response = client.get(f"/api/members/?{many}")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求过大，或字段、文件过多。"}
