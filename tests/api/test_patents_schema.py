"""The patent pool's endpoints are in the OpenAPI schema with their errors: 400 and 409 for the
writes the services may refuse, 404 for requests the caller may not see."""

from urllib.parse import unquote

import pytest
from django.urls import reverse

from tests.api.test_schema import error_statuses

ACTIONS = ("accept", "licence", "decline", "withdraw", "message")


@pytest.fixture
def paths(client_for, member):
    response = client_for(member).get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()["paths"]


def templated(name: str) -> str:
    return unquote(reverse(name, kwargs={"pk": "{id}"}))


def test_listing_endpoints_are_documented(paths):
    listings = paths[reverse("api:patent-listing-list")]["get"]
    listing = paths[templated("api:patent-listing-detail")]["get"]

    assert error_statuses(listings) == {"400", "401", "403", "404"}
    assert error_statuses(listing) == {"400", "401", "403", "404"}
    assert {parameter["name"] for parameter in listings["parameters"]} >= {
        "q",
        "ordering",
        "technology_area",
        "terms",
        "status",
        "jurisdiction",
        "organization",
        "page",
        "page_size",
    }


def test_request_endpoints_are_documented_with_their_errors(paths):
    requests = paths[reverse("api:licence-request-list")]

    assert error_statuses(requests["get"]) == {"400", "401", "403", "404"}
    assert set(requests["post"]["responses"]) == {"201", "400", "401", "403", "409"}
    request_detail = paths[templated("api:licence-request-detail")]["get"]
    assert error_statuses(request_detail) == {"400", "401", "403", "404"}
    for action in ACTIONS:
        operation = paths[templated(f"api:licence-request-{action}")]["post"]
        success = "201" if action == "message" else "200"
        assert set(operation["responses"]) == {success, "400", "401", "403", "404", "409"}, action
        assert operation["summary"], action


def test_write_fields_are_documented(client_for, member):
    schema = client_for(member).get(reverse("api:schema"), {"format": "json"}).json()
    schemas = schema["components"]["schemas"]

    assert set(schemas["LicenceRequestCreateRequest"]["required"]) == {
        "listing",
        "organization",
        "intended_use",
    }
    assert schemas["LicenceRecordRequest"]["required"] == ["licensed_on"]
    assert schemas["DeclineRequest"]["required"] == ["reason"]
    assert schemas["MessageCreateRequest"]["required"] == ["body"]
    for name in (
        "LicenceRequestCreateRequest",
        "LicenceRecordRequest",
        "DeclineRequest",
        "MessageCreateRequest",
    ):
        for field, description in schemas[name]["properties"].items():
            assert description.get("description"), f"{name}.{field}"
