"""The API refuses text PostgreSQL cannot store (a NUL character, a lone surrogate) before any
view runs (apps.core.input_screening): 400 naming the field in the API's error shape, 404 in an
address, and nothing written. Without the screen each of these answered 500."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.core.models import Event
from apps.patents.models import LicenceRequest
from tests.api.patents_fixtures import listings_url, requests_url

pytestmark = pytest.mark.postgres

MESSAGE = "This field contains characters the portal cannot store (such as a NUL character)."


def refused_field(response, field: str) -> None:
    assert response.status_code == 400
    assert response.json() == {
        "detail": f"“{field}” contains characters the portal cannot store (such as a NUL character).",
        "code": "invalid",
        "fields": {field: [MESSAGE]},
    }


def ask(listing, **changes) -> dict:
    return {"listing": listing.pk, "intended_use": "Pilot production.", "message": "", **changes}


def test_nul_in_the_organization_slug_of_a_licence_request_is_refused(
    api_client_for, member, organization, listing
):
    response = api_client_for(member).post(
        requests_url(), ask(listing, organization=f"{organization.slug}\x00"), format="json"
    )

    refused_field(response, "organization")
    assert not LicenceRequest.objects.exists()
    assert not Event.objects.exists()
    assert mail.outbox == []


def test_lone_surrogate_in_a_json_body_is_refused(api_client_for, member, organization, listing):
    body = '{"listing": %d, "organization": "%s", "intended_use": "Pilot \\ud800 line", "message": ""}'

    response = api_client_for(member).post(
        requests_url(), body % (listing.pk, organization.slug), content_type="application/json"
    )

    refused_field(response, "intended_use")
    assert not LicenceRequest.objects.exists()


def test_nul_in_a_query_parameter_of_the_api_is_refused(api_client_for, member, listing):
    response = api_client_for(member).get(listings_url(), {"q": "dry\x00"})

    refused_field(response, "q")


def test_nul_in_an_api_address_answers_404(api_client_for, member):
    response = api_client_for(member).get(reverse("api:action-detail", kwargs={"code": "FIN\x00"}))

    assert response.status_code == 404
    assert response.json() == {
        "detail": "There is nothing at this address.",
        "code": "not_found",
        "fields": {},
    }


def test_text_without_unstorable_characters_passes(api_client_for, member, organization, listing):
    response = api_client_for(member).post(
        requests_url(), ask(listing, organization=organization.slug, message="Café ✓ 電池"), format="json"
    )

    assert response.status_code == 201
