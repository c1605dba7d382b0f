"""The shared predicates: who sees a listing, who edits it, who handles and may request licences."""

from apps.organizations.models import Membership
from apps.patents.models import PatentListing
from apps.patents.permissions import (
    can_edit_listing,
    can_request_licence,
    can_view_listing,
    is_licensing_contact,
    licence_requesting_organizations,
    licensing_contacts_of,
)
from tests.factories import MembershipFactory, UserFactory
from tests.patents.factories import PatentListingFactory


def test_members_see_available_listings_and_only_owners_and_staff_see_drafts(
    organization, contact, member, outsider, staff, suspended_member
):
    available = PatentListingFactory(organization=organization)
    draft = PatentListingFactory(organization=organization, status=PatentListing.Status.DRAFT)

    assert [can_view_listing(person, available) for person in (contact, member, outsider, staff)] == [
        True
    ] * 4
    assert can_view_listing(suspended_member, available) is False
    assert [can_view_listing(person, draft) for person in (contact, member, outsider, staff)] == [
        True,
        False,
        False,
        True,
    ]


def test_hidden_listing_is_seen_by_owner_contacts_and_staff_only(organization, contact, outsider, staff):
    hidden = PatentListingFactory(organization=organization, is_hidden=True, hidden_reason="Duplicate")

    assert can_view_listing(contact, hidden) is True
    assert can_view_listing(staff, hidden) is True
    assert can_view_listing(outsider, hidden) is False


def test_only_owner_contacts_and_staff_edit(organization, contact, member, outsider, staff):
    listing = PatentListingFactory(organization=organization)

    assert [can_edit_listing(person, listing) for person in (contact, member, outsider, staff)] == [
        True,
        False,
        False,
        True,
    ]


def test_all_contacts_handle_licensing_until_some_are_chosen(organization, contact):
    second = UserFactory()
    MembershipFactory(user=second, organization=organization, role=Membership.Role.CONTACT)
    MembershipFactory(organization=organization, role=Membership.Role.MEMBER)

    assert set(licensing_contacts_of(organization)) == {contact, second}

    Membership.objects.filter(user=second).update(handles_licensing=True)

    assert list(licensing_contacts_of(organization)) == [second]
    assert is_licensing_contact(second, organization) is True
    assert is_licensing_contact(contact, organization) is False


def test_non_canadian_owned_member_cannot_request_canadian_only_listing(
    organization, other_organization, outsider
):
    listing = PatentListingFactory(
        organization=organization, eligibility=PatentListing.Eligibility.CANADIAN_OWNED
    )
    other_organization.is_canadian_owned = False
    other_organization.save()

    assert can_request_licence(outsider, listing, other_organization) is False
    assert licence_requesting_organizations(outsider, listing) == []


def test_member_of_other_organization_may_request_but_not_own_or_draft(
    organization, other_organization, contact, outsider
):
    listing = PatentListingFactory(organization=organization)
    draft = PatentListingFactory(organization=organization, status=PatentListing.Status.DRAFT)

    assert can_request_licence(outsider, listing, other_organization) is True
    assert licence_requesting_organizations(outsider, listing) == [other_organization]
    assert can_request_licence(contact, listing, organization) is False
    assert can_request_licence(outsider, draft, other_organization) is False
    assert can_request_licence(outsider, listing, organization) is False
