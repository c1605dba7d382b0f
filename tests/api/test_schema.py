"""The OpenAPI schema is valid and generated without warnings, documents every endpoint with its
error responses, and its docs page serves Swagger UI from our own static files."""

from urllib.parse import unquote

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

ERROR_SCHEMA = {"$ref": "#/components/schemas/Error"}


@pytest.fixture
def schema(client_for, member):
    response = client_for(member).get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def error_statuses(operation) -> set[str]:
    return {
        status
        for status, response in operation["responses"].items()
        if response["content"]["application/json"]["schema"] == ERROR_SCHEMA
    }


def test_schema_generates_without_warnings(tmp_path):
    schema_file = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(schema_file))

    assert yaml.safe_load(schema_file.read_text())["openapi"].startswith("3.")


def test_schema_documents_every_endpoint_with_its_errors(schema):
    paths = schema["paths"]
    actions = reverse("api:action-list")
    updates = unquote(reverse("api:action-updates", kwargs={"code": "{code}"}))

    patent_pool = reverse("api:patent-listing-list").rsplit("/listings/", 1)[0]  # test_patents_schema.py
    dashboard = reverse("api:dashboard")  # tests/dashboard/test_api.py
    assert {path for path in paths if not path.startswith(patent_pool) and path != dashboard} == {
        reverse("api:area-list"),
        unquote(reverse("api:area-detail", kwargs={"code": "{code}"})),
        actions,
        unquote(reverse("api:action-detail", kwargs={"code": "{code}"})),
        updates,
        reverse("api:indicator-list"),
        reverse("api:indicator-detail", kwargs={"pk": "0"}).replace("/0/", "/{id}/"),
    }
    assert error_statuses(paths[actions]["get"]) == {"400", "401", "403", "404"}
    assert error_statuses(paths[updates]["get"]) == {"400", "401", "403", "404"}
    assert error_statuses(paths[updates]["post"]) == {"400", "401", "403", "404", "409"}
    assert set(paths[updates]["post"]["responses"]) == {"201", "400", "401", "403", "404", "409"}
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method} {path} has no summary"
            assert {"401", "403"} <= error_statuses(operation), f"{method} {path}"


def test_schema_documents_the_error_shape_and_both_ways_to_sign_in(schema):
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"detail", "code", "fields"}
    assert schema["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"
    assert "cookieAuth" in schema["components"]["securitySchemes"]


def test_the_write_fields_are_documented(schema):
    request = schema["components"]["schemas"]["StatusUpdateCreateRequest"]

    assert set(request["required"]) == {"version", "status", "percent_done", "summary"}
    for field, description in request["properties"].items():
        assert description.get("description") or description.get("$ref") or description.get("allOf"), field


def test_docs_page_serves_swagger_ui_without_a_cdn(client_for, member):
    response = client_for(member).get(reverse("api:docs"))
    # The start-up script is a file of its own (no inline script under the Content-Security-Policy).
    script = client_for(member).get(reverse("api:docs"), {"script": ""})

    assert response.status_code == 200
    content = response.content.decode()
    assert "swagger-ui" in content
    assert reverse("api:schema") in script.content.decode()
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs"):
        assert cdn not in content
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in content


@pytest.mark.parametrize(
    ("role", "status_code"),
    [("anonymous", 401), ("suspended_member", 403), ("member", 200), ("outsider", 200), ("staff", 200)],
)
def test_schema_is_for_portal_members(db, request, client_for, role, status_code):
    user = None if role == "anonymous" else request.getfixturevalue(role)

    response = client_for(user).get(reverse("api:schema"), {"format": "json"})

    assert response.status_code == status_code


@pytest.mark.parametrize(
    ("role", "status_code", "goes_to"),
    [
        ("anonymous", 302, f"{reverse('accounts:login')}?next={reverse('api:docs')}"),
        ("suspended_member", 302, reverse("organizations:membership_status")),
        ("member", 200, None),
        ("staff", 200, None),
    ],
)
def test_docs_page_is_for_portal_members(db, request, client_for, role, status_code, goes_to):
    user = None if role == "anonymous" else request.getfixturevalue(role)

    response = client_for(user).get(reverse("api:docs"))

    assert response.status_code == status_code
    assert response.get("Location") == goes_to
