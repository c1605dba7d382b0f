"""Who may do what in the patent pool. Pure predicates shared by the pages, the API, the services,
the admin and the templates (which show or hide buttons with the same answers)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.membership import is_portal_member
from apps.organizations.models import Membership, Organization
from apps.organizations.permissions import can_manage_organization, may_act_for

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
    (while the owner is active) and staff see. Its PDF follows the same rule."""
    if not is_portal_member(user):
        return False
    if user.is_staff or is_in_pool(listing):
        return True
    return may_act_for(user, listing.organization, role=Membership.Role.CONTACT)


def can_edit_listing(user, listing: PatentListing) -> bool:
    """Edit, publish and withdraw: the owner's contacts while the owner is active, and staff."""
    return can_manage_organization(user, listing.organization)


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


def answers_for(user, organization: Organization) -> bool:
    """`user` answers `organization`'s licence requests: one of its licensing contacts, while the
    organization is active (a suspended organization answers nothing)."""
    return organization.is_active and is_licensing_contact(user, organization)


@dataclass(frozen=True)
class Refusal:
    """Why a licence request is refused, in words for the person; `field` names the input at fault."""

    message: str
    field: str | None = None


def licence_request_refusal(user, listing: PatentListing, organization: Organization) -> Refusal | None:
    """The first reason `user` may not ask for a licence on `listing` on behalf of `organization`,
    or None when they may. The one eligibility rule: the "Request a licence" button, the form's
    choice, the API and the requests service all ask it.

    Secretariat staff request nothing; the person speaks for the organization (see may_act_for:
    it is active and they belong to it); it is not the owner; the listing is in the pool, not past
    its expiry, available, and open to the organization (Canadian-owned when it says so). Whether
    the organization already has an open request is checked by the service (and a database
    constraint), not here.
    """
    if user.is_authenticated and user.is_staff:
        return Refusal(_("Secretariat staff do not request licences."))
    if not may_act_for(user, organization):
        return Refusal(
            _("You can request a licence only for an active member organization you belong to."),
            field="organization",
        )
    if organization.pk == listing.organization_id:
        return Refusal(_("This is your own organization's listing: it cannot request a licence on it."))
    if listing.is_hidden or not listing.organization.is_active:
        return Refusal(_("This listing is no longer in the pool."))
    is_past_expiry = listing.expiry_date is not None and listing.expiry_date < timezone.localdate()
    if listing.status == PatentListing.Status.EXPIRED or is_past_expiry:
        return Refusal(_("This patent has expired: it can no longer be requested."))
    if listing.status not in PatentListing.REQUESTABLE:
        return Refusal(
            _("This listing is %(status)s: it does not take licence requests.")
            % {"status": listing.get_status_display().lower()}
        )
    if listing.eligibility == PatentListing.Eligibility.CANADIAN_OWNED and not organization.is_canadian_owned:
        return Refusal(
            _("Only Canadian-owned member organizations may request this licence."), field="organization"
        )
    return None


def can_request_licence(user, listing: PatentListing, organization: Organization) -> bool:
    """`user` may ask for a licence on `listing` on behalf of `organization`."""
    return licence_request_refusal(user, listing, organization) is None


def requesting_organizations(user):
    """The active organizations `user` belongs to, in any role: the choices of the licence request
    form, which licence_request_refusal then judges one by one."""
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    return Organization.objects.active().filter(memberships__user=user).distinct().order_by("name")


def licence_requesting_organizations(user, listing: PatentListing) -> list[Organization]:
    """The organizations on whose behalf `user` may request a licence on `listing` (for the
    "Request a licence" button and the requester's choice of organization)."""
    if user.is_staff:
        return []
    return [each for each in requesting_organizations(user) if can_request_licence(user, listing, each)]
