"""Fixtures and addresses for the patent pool API tests.

The cast: `other_organization` (Prairie Lithium, contact `outsider`) owns `listing`; its member
`owner_member` does not handle licence requests. `organization` (Northern Cells: `contact`,
`member`) asks for licences; `bystander` belongs to a third organization."""

import pytest
from django.urls import reverse

from apps.organizations.models import Membership
from apps.patents.models import LicenceRequest, PatentListing
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.patents.factories import (
    LicenceRequestFactory,
    LicenceRequestTransitionFactory,
    PatentListingFactory,
)


def listings_url() -> str:
    return reverse("api:patent-listing-list")


def listing_url(pk: int) -> str:
    return reverse("api:patent-listing-detail", kwargs={"pk": pk})


def requests_url() -> str:
    return reverse("api:licence-request-list")


def request_url(pk: int) -> str:
    return reverse("api:licence-request-detail", kwargs={"pk": pk})


def request_action_url(pk: int, action: str) -> str:
    return reverse(f"api:licence-request-{action}", kwargs={"pk": pk})


@pytest.fixture
def owner_member(other_organization, outsider):
    """Olga, a plain member of the listing's owner: she sees the pool, not its requests."""
    user = UserFactory(full_name="Olga Ownermember", email="olga@prairie-lithium.ca")
    MembershipFactory(user=user, organization=other_organization, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def bystander(db):
    """Bea, the contact of a third organization."""
    user = UserFactory(full_name="Bea Bystander", email="bea@third.ca")
    MembershipFactory(
        user=user, organization=OrganizationFactory(name="Third Cells"), role=Membership.Role.CONTACT
    )
    return user


@pytest.fixture
def listing(other_organization, outsider):
    """An available listing of Prairie Lithium, open to any member."""
    return PatentListingFactory(
        organization=other_organization,
        created_by=outsider,
        title="Dry electrode coating",
        number="3100001",
        abstract="A solvent-free cathode coating process.",
    )


@pytest.fixture
def pending_request(listing, organization, member):
    """Northern Cells' pending request on `listing`, made by Mo, with its first transition."""
    licence_request = LicenceRequestFactory(
        listing=listing, requesting_organization=organization, requested_by=member
    )
    LicenceRequestTransitionFactory(request=licence_request, actor=member)
    return licence_request


@pytest.fixture
def accepted_request(pending_request, outsider):
    pending_request.status = LicenceRequest.Status.ACCEPTED
    pending_request.save(update_fields=["status"])
    LicenceRequestTransitionFactory(
        request=pending_request,
        from_status=LicenceRequest.Status.PENDING,
        to_status=LicenceRequest.Status.ACCEPTED,
        actor=outsider,
    )
    return pending_request


def listing_of(organization, status=PatentListing.Status.AVAILABLE, **fields) -> PatentListing:
    return PatentListingFactory(organization=organization, status=status, **fields)
