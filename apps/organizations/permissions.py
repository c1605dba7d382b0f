"""Who may do what with organizations and their people. Pure predicates, shared by views,
templates and (later) the API."""

from apps.accounts.membership import is_portal_member
from apps.accounts.permissions import can_change_account

from .models import Membership, Organization


def is_contact(user, organization) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, organization=organization, role=Membership.Role.CONTACT
    ).exists()


def may_act_for(user, organization: Organization, *, role: str | None = None) -> bool:
    """`user` speaks for `organization`: an active person who belongs to it (with `role` when one
    is needed) while the organization is active. A suspended or lapsed organization acts through
    nobody (its licence requests, private listings and answers stay frozen), even for people who
    also belong to an active organization."""
    if not user.is_authenticated or not user.is_active or not organization.is_active:
        return False
    memberships = Membership.objects.filter(user=user, organization=organization)
    if role is not None:
        memberships = memberships.filter(role=role)
    return memberships.exists()


def can_manage_organization(user, organization) -> bool:
    """Edit the profile, invite, remove and deactivate people.

    Staff, or a contact of this organization while it is active.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return organization.is_active and is_contact(user, organization)


def can_view_organization(user, organization) -> bool:
    """Portal members see active organizations; a suspended or lapsed one only staff see, so it
    disappears from the member-only pages until it is reinstated."""
    if not is_portal_member(user):
        return False
    return organization.is_active or user.is_staff


def contact_organization_ids(user) -> frozenset[int]:
    """The organizations `user` is a contact of; computed once per page and passed to
    `can_deactivate_person`, so a list of people costs one query, not one per person."""
    if not user.is_authenticated:
        return frozenset()
    return frozenset(
        Membership.objects.filter(user=user, role=Membership.Role.CONTACT).values_list(
            "organization_id", flat=True
        )
    )


def can_deactivate_person(actor, person, *, actor_contact_organization_ids=None) -> bool:
    """Deactivate a person who has left.

    Nobody deactivates themselves, and only a superuser deactivates a superuser
    (apps.accounts.permissions.can_change_account). Staff may deactivate anyone else. A contact
    may deactivate a person only when every organization that person belongs to is one the
    contact speaks for: nobody switches off a colleague another organization still counts on.
    Uses `person.memberships.all()`, so prefetch it when checking many people.
    """
    if not actor.is_authenticated or not actor.is_active or not person.is_active:
        return False
    if actor.pk == person.pk:
        return False
    if not can_change_account(actor, person):
        return False
    if actor.is_staff:
        return True
    if person.is_staff:
        return False
    if actor_contact_organization_ids is None:
        actor_contact_organization_ids = contact_organization_ids(actor)
    person_organization_ids = {membership.organization_id for membership in person.memberships.all()}
    return bool(person_organization_ids) and person_organization_ids <= actor_contact_organization_ids
