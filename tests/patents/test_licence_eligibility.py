"""One eligibility rule for licence requests (permissions.licence_request_refusal): the "Request a
licence" button, the form, the API and the requests service give the same answer, with the same
words, because they all ask it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.core.errors import DomainError
from apps.core.models import Event
from apps.organizations.models import Membership, Organization
from apps.patents.models import LicenceRequest, LicenceRequestTransition, PatentListing
from apps.patents.permissions import (
    can_request_licence,
    licence_request_refusal,
    licence_requesting_organizations,
)
from apps.patents.services.requests import request_create
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .requests_support import *  # noqa: F403


def _eligible(cast):
    return cast["requester"], cast["listing"], cast["other_organization"]


def _own_listing(cast):
    return cast["contact"], cast["listing"], cast["organization"]


def _draft(cast):
    PatentListing.objects.filter(pk=cast["listing"].pk).update(
        status=PatentListing.Status.DRAFT, published_at=None
    )
    return _eligible(cast)


def _past_its_expiry_date(cast):
    PatentListing.objects.filter(pk=cast["listing"].pk).update(
        filing_date=timezone.localdate() - timedelta(days=7000),
        expiry_date=timezone.localdate() - timedelta(days=1),
    )
    return _eligible(cast)


def _canadian_only_for_a_foreign_owned_requester(cast):
    PatentListing.objects.filter(pk=cast["listing"].pk).update(
        eligibility=PatentListing.Eligibility.CANADIAN_OWNED
    )
    Organization.objects.filter(pk=cast["other_organization"].pk).update(is_canadian_owned=False)
    return _eligible(cast)


def _staff_who_belong_to_the_requesting_organization(cast):
    MembershipFactory(user=cast["staff"], organization=cast["other_organization"])
    return cast["staff"], cast["listing"], cast["other_organization"]


def _staff_who_belong_to_no_organization(cast):
    return cast["staff"], cast["listing"], cast["other_organization"]


def _suspended_organization_of_a_person_in_two(cast):
    person = UserFactory(full_name="Tess Twohats")
    MembershipFactory(user=person, organization=OrganizationFactory(name="Active Anodes"))
    suspended = OrganizationFactory(name="Frozen Cells", membership_status=Organization.Status.SUSPENDED)
    MembershipFactory(user=person, organization=suspended, role=Membership.Role.CONTACT)
    return person, cast["listing"], suspended


SITUATIONS = {
    "eligible": (_eligible, True),
    "own listing": (_own_listing, False),
    "draft": (_draft, False),
    "past its expiry date": (_past_its_expiry_date, False),
    "Canadian-owned only": (_canadian_only_for_a_foreign_owned_requester, False),
    "staff in the requesting organization": (_staff_who_belong_to_the_requesting_organization, False),
    "staff in no organization": (_staff_who_belong_to_no_organization, False),
    "suspended organization": (_suspended_organization_of_a_person_in_two, False),
}


@pytest.fixture
def cast(listing, organization, other_organization, contact, requester, staff):
    return {
        "listing": listing,
        "organization": organization,
        "other_organization": other_organization,
        "contact": contact,
        "requester": requester,
        "staff": staff,
    }


@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_button_and_the_service_give_the_same_answer(situation, cast):
    arrange, may_request = SITUATIONS[situation]
    person, listing, organization = arrange(cast)
    listing = PatentListing.objects.select_related("organization").get(pk=listing.pk)
    organization.refresh_from_db()
    refusal = licence_request_refusal(person, listing, organization)

    assert can_request_licence(person, listing, organization) is may_request
    assert (organization in licence_requesting_organizations(person, listing)) is may_request
    if may_request:
        assert refusal is None
        request_create(listing=listing, organization=organization, requested_by=person, intended_use="x")
        assert LicenceRequest.objects.get().requesting_organization == organization
    else:
        with pytest.raises(DomainError) as refused:
            request_create(listing=listing, organization=organization, requested_by=person, intended_use="x")
        assert (refused.value.message, refused.value.field) == (refusal.message, refusal.field)
        assert not LicenceRequest.objects.exists()
        assert not LicenceRequestTransition.objects.exists()
        assert not Event.objects.exists()


def test_staff_who_belong_to_an_organization_request_no_licence_on_the_page(
    client_for, listing, staff, other_organization, contact
):
    MembershipFactory(user=staff, organization=other_organization)
    data = {"organization": other_organization.pk, "intended_use": "Pilot line.", "message": ""}

    response = client_for(staff).post(
        reverse("patents:request_create", kwargs={"listing_pk": listing.pk}), data
    )

    assert response.status_code == 400
    assert "Secretariat staff do not request licences." in response.content.decode()
    assert not LicenceRequest.objects.exists()
    assert not Event.objects.exists()
    assert mail.outbox == []


def test_no_request_a_licence_button_on_a_listing_past_its_expiry_date(client_for, listing, requester):
    PatentListing.objects.filter(pk=listing.pk).update(
        filing_date=timezone.localdate() - timedelta(days=7000),
        expiry_date=timezone.localdate() - timedelta(days=1),
    )

    response = client_for(requester).get(listing.get_absolute_url())

    assert response.status_code == 200
    assert response.context["can_request"] is False
    assert (
        reverse("patents:request_create", kwargs={"listing_pk": listing.pk}) not in response.content.decode()
    )
