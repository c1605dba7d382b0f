"""Who may do what with organizations and their people. Pure predicates, shared by views,
templates and (later) the API."""

from .models import Membership, Organization


def is_portal_member(user) -> bool:
    """Staff, or an active person with a membership in an active organization.

    People whose organizations are all suspended or lapsed can sign in but are not members:
    they see only the membership status page. Cached on the user for the request.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    if not hasattr(user, "_is_portal_member"):
        user._is_portal_member = Membership.objects.filter(
            user=user, organization__membership_status=Organization.Status.ACTIVE
        ).exists()
    return user._is_portal_member


def is_contact(user, organization) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, organization=organization, role=Membership.Role.CONTACT
    ).exists()


def can_manage_organization(user, organization) -> bool:
    """Edit the profile, invite, remove and deactivate people.

    Staff, or a contact of this organization while it is active.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return organization.is_active and is_contact(user, organization)
