"""What a suspended organization offers stays hidden: its listings leave the pool, the search, the
API and the PDF downloads for everyone but staff, and a contact of it who also belongs to an active
organization no longer reaches its drafts or hidden listings through it. The API's side of it is in
tests/api/test_patents_suspended.py."""

import pytest
from django.urls import reverse

from apps.organizations.models import Membership, Organization
from apps.patents.models import PatentListing
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.patents.factories import PatentListingFactory

STATES = {
    "available": {},
    "draft": {"status": PatentListing.Status.DRAFT, "published_at": None},
    "hidden": {"is_hidden": True, "hidden_reason": "Duplicate"},
    "withdrawn": {"status": PatentListing.Status.WITHDRAWN},
}


@pytest.fixture
def tess(organization):
    """A contact of Northern Cells who also works with an active third company."""
    user = UserFactory(full_name="Tess Twohats", email="tess@active-anodes.ca")
    MembershipFactory(user=user, organization=organization, role=Membership.Role.CONTACT)
    MembershipFactory(user=user, organization=OrganizationFactory(name="Active Anodes"))
    return user


@pytest.fixture
def suspended_listings(organization, listing_with_pdf):
    """Northern Cells' listings in each state, each with its PDF, once Northern Cells is suspended."""
    listings = {"available": listing_with_pdf}
    for name, fields in STATES.items():
        if name != "available":
            listings[name] = PatentListingFactory(
                organization=organization, title=f"A {name} listing", **fields
            )
            listings[name].document.name = listing_with_pdf.document.name
            listings[name].save(update_fields=["document"])
    Organization.objects.filter(pk=organization.pk).update(membership_status=Organization.Status.SUSPENDED)
    return listings


def document_url(listing):
    return reverse("patents:listing_document", kwargs={"pk": listing.pk})


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize(
    "role, expected",
    [("tess", 404), ("outsider", 404), ("staff", 200)],
)
def test_listings_of_a_suspended_organization_and_their_pdfs_only_staff_open(
    role, expected, state, request, client_for, suspended_listings
):
    client = client_for(request.getfixturevalue(role))
    listing = suspended_listings[state]

    assert client.get(listing.get_absolute_url()).status_code == expected
    assert client.get(document_url(listing)).status_code == expected


@pytest.mark.parametrize("role", ["tess", "outsider"])
def test_pool_and_its_search_leave_out_a_suspended_organization(
    role, request, client_for, suspended_listings
):
    client = client_for(request.getfixturevalue(role))

    for query in ({}, {"q": "Dry electrode"}, {"q": "listing"}):
        page = client.get(reverse("patents:pool"), query)
        assert page.status_code == 200
        assert list(page.context["listings"]) == []


def test_a_contact_of_a_suspended_organization_may_no_longer_list_its_patents(
    client_for, tess, suspended_listings
):
    assert client_for(tess).get(reverse("patents:my_listings")).status_code == 403
    assert client_for(tess).get(reverse("patents:listing_create")).status_code == 403
