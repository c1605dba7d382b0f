"""A licence request keeps the requesting organization's Canadian ownership as it was when it asked,
and the owner sees it: a flag changed afterwards cannot rewrite what the owner decided on."""

import pytest
from django.urls import reverse

from apps.organizations.models import Organization
from apps.patents.models import LicenceRequest, PatentListing

from .requests_support import *  # noqa: F403


def create_url(listing) -> str:
    return reverse("patents:request_create", kwargs={"listing_pk": listing.pk})


def api_request_url(licence_request) -> str:
    return reverse("api:licence-request-detail", kwargs={"pk": licence_request.pk})


@pytest.fixture
def canadian_only_listing(listing):
    PatentListing.objects.filter(pk=listing.pk).update(eligibility=PatentListing.Eligibility.CANADIAN_OWNED)
    listing.refresh_from_db()
    return listing


@pytest.fixture
def request_made_while_canadian_owned(client_for, canadian_only_listing, requester, other_organization):
    client_for(requester).post(
        create_url(canadian_only_listing),
        {"organization": other_organization.pk, "intended_use": "Pilot line for dry-coated cathodes."},
    )
    # Later, the secretariat corrects the organization's ownership.
    Organization.objects.filter(pk=other_organization.pk).update(is_canadian_owned=False)
    return LicenceRequest.objects.get()


def test_request_records_canadian_ownership_as_it_was_when_asked(request_made_while_canadian_owned):
    assert request_made_while_canadian_owned.requester_canadian_owned is True


def test_request_of_a_non_canadian_organization_records_it(
    client_for, listing, requester, other_organization
):
    Organization.objects.filter(pk=other_organization.pk).update(is_canadian_owned=False)

    client_for(requester).post(
        create_url(listing), {"organization": other_organization.pk, "intended_use": "Recycling trials."}
    )

    assert LicenceRequest.objects.get().requester_canadian_owned is False


def test_owner_sees_the_canadian_ownership_recorded_with_the_request(
    client_for, contact, request_made_while_canadian_owned
):
    response = client_for(contact).get(request_made_while_canadian_owned.get_absolute_url())

    html = response.content.decode()
    assert "<dt>Canadian-owned when it asked</dt>\n        <dd>Yes</dd>" in html


def test_owner_sees_it_in_french_too(client_for, contact, request_made_while_canadian_owned):
    url = request_made_while_canadian_owned.get_absolute_url().replace("/en/", "/fr/")

    html = client_for(contact).get(url).content.decode()

    assert "<dt>De propriété canadienne au moment de la demande</dt>\n        <dd>Oui</dd>" in html


def test_request_made_before_the_portal_kept_it_says_so(client_for, contact, pending_request):
    html = client_for(contact).get(pending_request.get_absolute_url()).content.decode()

    assert "Not recorded (asked before the portal kept it)" in html


def test_api_gives_the_owner_the_canadian_ownership_recorded_with_the_request(
    client_for, contact, request_made_while_canadian_owned
):
    response = client_for(contact).get(api_request_url(request_made_while_canadian_owned))

    assert response.status_code == 200
    assert response.json()["requester_canadian_owned"] is True
