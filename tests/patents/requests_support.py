"""Fixtures for the licence request tests: a listing of `organization` (its contact `contact`
handles licensing) and the people of `other_organization` who ask for it. Imported by each
test_request*.py module."""

import pytest

from apps.organizations.models import Membership
from apps.patents.models import LicenceRequest, LicenceRequestTransition
from tests.factories import MembershipFactory, UserFactory

from .factories import LicenceRequestFactory, PatentListingFactory


@pytest.fixture
def listing(organization, contact):
    return PatentListingFactory(organization=organization, title="Dry electrode coating")


@pytest.fixture
def requester(outsider):
    """The person who asks: a contact of other_organization."""
    return outsider


@pytest.fixture
def requester_colleague(other_organization):
    """Another person of the requesting organization (a plain member)."""
    user = UserFactory(full_name="Rita Colleague", email="rita@prairie-lithium.ca")
    MembershipFactory(user=user, organization=other_organization, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def pending_request(listing, other_organization, requester):
    licence_request = LicenceRequestFactory(
        listing=listing, requesting_organization=other_organization, requested_by=requester
    )
    LicenceRequestTransition.objects.create(
        request=licence_request, from_status="", to_status=LicenceRequest.Status.PENDING, actor=requester
    )
    return licence_request


@pytest.fixture
def accepted_request(pending_request, contact):
    LicenceRequest.objects.filter(pk=pending_request.pk).update(status=LicenceRequest.Status.ACCEPTED)
    LicenceRequestTransition.objects.create(
        request=pending_request,
        from_status=LicenceRequest.Status.PENDING,
        to_status=LicenceRequest.Status.ACCEPTED,
        actor=contact,
    )
    pending_request.refresh_from_db()
    return pending_request
