"""Who may do what in the patent pool. Pure predicates shared by the pages, the API, the admin and
the templates (which show or hide buttons with the same answers)."""

from django.contrib.auth import get_user_model

from apps.accounts.membership import is_portal_member
from apps.organizations.models import Membership, Organization
from apps.organizations.permissions import can_manage_organization, is_contact

from .models import PatentListing


def is_in_pool(listing: PatentListing) -> bool:
    """The same rule as `PatentListing.objects.in_pool()`, for one listing already loaded."""
    return (
        listing.status in PatentListing.VISIBLE_TO_MEMBERS
        and not listing.is_hidden
        and listing.organization.is_active
    )


def can_view_listing(user, listing: PatentListing) -> bool:
    """Members see the pool; drafts, withdrawn, expired and hidden listings only the owner's contacts
    and staff see. Its PDF follows the same rule."""
    if not is_portal_member(user):
        return False
    if user.is_staff or is_in_pool(listing):
        return True
    return is_contact(user, listing.organization)


def can_edit_listing(user, listing: PatentListing) -> bool:
    """Edit, publish and withdraw: the owner's contacts while the owner is active, and staff."""
    return can_manage_organization(user, listing.organization)


def can_list_patents(user, organization: Organization) -> bool:
    """Create a listing for `organization`: one of its contacts while it is active."""
    if not user.is_authenticated or not user.is_active:
        return False
    return organization.is_active and is_contact(user, organization)


def licensing_contacts_of(organization: Organization):
    """The people who handle `organization`'s licence requests: the contacts it chose, or all its
    contacts when it chose none. Active people only."""
    people = get_user_model().objects.filter(is_active=True)
    contact_of_organization = {
        "memberships__organization": organization,
        "memberships__role": Membership.Role.CONTACT,
    }
    # One filter() call per rule, so both conditions hold on the same membership row.
    chosen = people.filter(**contact_of_organization, memberships__handles_licensing=True)
    return chosen if chosen.exists() else people.filter(**contact_of_organization)


def is_licensing_contact(user, organization: Organization) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return licensing_contacts_of(organization).filter(pk=user.pk).exists()


def can_request_licence(user, listing: PatentListing, organization: Organization) -> bool:
    """`user` may ask for a licence on `listing` on behalf of `organization`.

    The person belongs to the organization; the organization is active, is not the owner, and is
    Canadian-owned when the listing asks for it; the listing is in the pool and requestable. Whether
    the organization already has an open request is checked by the requests service (and a
    database constraint), not here.
    """
    if not is_portal_member(user) or user.is_staff:
        return False
    if not _organization_may_request(listing, organization):
        return False
    return Membership.objects.filter(user=user, organization=organization).exists()


def _organization_may_request(listing: PatentListing, organization: Organization) -> bool:
    if not organization.is_active or organization.pk == listing.organization_id:
        return False
    if listing.status not in PatentListing.REQUESTABLE or not is_in_pool(listing):
        return False
    return listing.eligibility != PatentListing.Eligibility.CANADIAN_OWNED or organization.is_canadian_owned


def licence_requesting_organizations(user, listing: PatentListing) -> list[Organization]:
    """The organizations on whose behalf `user` may request a licence on `listing` (for the
    "Request a licence" button and the requester's choice of organization)."""
    if not is_portal_member(user) or user.is_staff:
        return []
    organizations = Organization.objects.filter(memberships__user=user).order_by("name")
    return [each for each in organizations if _organization_may_request(listing, each)]
