"""Reads about organizations and their people, with the joins each page needs, and the access
helpers that fetch an organization (or one of its rows) and check who may see or change it.

`handover_for(person)` lists what a person who has left led or owned. Other apps add their own
items by registering a provider with `@handover_provider` (in their AppConfig.ready()).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import Invitation, User
from apps.working_groups.models import GroupMembership, WorkingGroup

from .models import Membership, Organization
from .permissions import can_manage_organization, can_view_organization

# Access helpers: 404 when the person may not see the thing, 403 when they may see but not change it.


def get_organization_for_user(user, slug: str, *, write: bool = False) -> Organization:
    organization = get_object_or_404(Organization, slug=slug)
    if not can_view_organization(user, organization):
        raise Http404
    if write and not can_manage_organization(user, organization):
        raise PermissionDenied
    return organization


def get_membership_in(organization: Organization, pk: int) -> Membership:
    """A membership of `organization`; one of another organization is a 404, never a change there."""
    return get_object_or_404(
        Membership.objects.select_related("user", "organization"), pk=pk, organization=organization
    )


def get_invitation_in(organization: Organization, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("organization"), pk=pk, organization=organization
    )


def get_person_in(organization: Organization, user_id: int) -> User:
    """A person with a membership in `organization` (active or not), their memberships prefetched."""
    queryset = (
        User.objects.filter(memberships__organization=organization)
        .select_related("deactivated_by")
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.select_related("organization")))
    )
    return get_object_or_404(queryset, pk=user_id)


# The member directory and an organization's page.


def portal_member_people():
    """People a member may look up by id (e.g. an API filter): active, in an active member
    organization. Anyone else (staff-only, inactive, only in a suspended or lapsed organization)
    is to members as if they did not exist."""
    in_active_organizations = Membership.objects.filter(
        organization__membership_status=Organization.Status.ACTIVE
    ).values("user_id")
    return User.objects.filter(is_active=True, pk__in=in_active_organizations)


def directory_organizations():
    """Active organizations by name, with their segments, for the member directory."""
    return Organization.objects.active().prefetch_related("segments").order_by("name", "pk")


def _contacts_first():
    return Case(
        When(role=Membership.Role.CONTACT, then=Value(0)), default=Value(1), output_field=IntegerField()
    )


def organization_people(organization: Organization):
    """Active people of the organization with their role, contacts first."""
    return (
        Membership.objects.filter(organization=organization, user__is_active=True)
        .select_related("user")
        .order_by(_contacts_first(), "user__full_name", "user__email")
    )


def organization_people_for_managers(organization: Organization):
    """Active people, with each person's memberships prefetched, so the page can tell for every row
    whether the viewer may deactivate them without a query per person."""
    return organization_people(organization).prefetch_related(
        Prefetch("user__memberships", queryset=Membership.objects.only("id", "user_id", "organization_id"))
    )


def organization_deactivated_people(organization: Organization):
    """People who were deactivated but still hold a membership: what they led waits for handover."""
    return (
        Membership.objects.filter(organization=organization, user__is_active=False)
        .select_related("user", "user__deactivated_by")
        .order_by("user__full_name", "user__email")
    )


def organization_open_invitations(organization: Organization):
    """Invitations not yet accepted or revoked (pending or expired), newest first."""
    return (
        Invitation.objects.filter(
            organization=organization, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


def organization_working_groups(organization: Organization):
    """Active groups that at least one active person of the organization belongs to, with how many."""
    return (
        WorkingGroup.objects.filter(
            is_active=True,
            group_memberships__user__is_active=True,
            group_memberships__user__memberships__organization=organization,
        )
        .annotate(people_from_organization=Count("group_memberships__user", distinct=True))
        .order_by("name")
    )


def active_contact_count(organization: Organization, *, excluding: User | None = None) -> int:
    contacts = Membership.objects.filter(
        organization=organization, role=Membership.Role.CONTACT, user__is_active=True
    )
    if excluding is not None:
        contacts = contacts.exclude(user=excluding)
    return contacts.count()


# Handover: what a person who has left led or owned.


@dataclass(frozen=True)
class HandoverItem:
    """One thing to hand over. With `choice_name`, the deactivation page asks who takes it over:
    a select of `choices` ((value, label) pairs; the first is the default) posted under that name
    and read by the app's departure step (see services.people.departure_step)."""

    text: str
    url: str = ""
    note: str = ""
    choice_name: str = ""
    choice_label: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    chosen: str = ""


@dataclass(frozen=True)
class HandoverSection:
    title: str
    advice: str
    items: list[HandoverItem] = field(default_factory=list)


HandoverProvider = Callable[[User, User | None], HandoverSection | None]
_handover_providers: list[HandoverProvider] = []


def handover_provider(provider: HandoverProvider) -> HandoverProvider:
    """Register `provider(person, viewer) -> HandoverSection | None`.

    `viewer` is the person looking (None for the secretariat's own tools): a provider leaves out
    what that viewer may not see. Each provider runs a fixed number of queries.
    """
    _handover_providers.append(provider)
    return provider


def handover_for(person: User, *, viewer: User | None = None) -> list[HandoverSection]:
    """Every non-empty section of what `person` leads or owns, in registration order."""
    sections = (provider(person, viewer) for provider in _handover_providers)
    return [section for section in sections if section is not None and section.items]


def _viewer_sees_everything(viewer: User | None) -> bool:
    return viewer is None or viewer.is_staff


@handover_provider
def _groups_led(person, viewer):
    memberships = GroupMembership.objects.filter(user=person, role=GroupMembership.Role.LEAD).select_related(
        "group"
    )
    return HandoverSection(
        title=_("Working groups they lead"),
        advice=_("Ask the secretariat to name a new lead for each group."),
        items=[
            HandoverItem(text=membership.group.name, url=membership.group.get_absolute_url())
            for membership in memberships.order_by("group__name")
        ],
    )


@handover_provider
def _groups_joined(person, viewer):
    memberships = GroupMembership.objects.filter(
        user=person, role=GroupMembership.Role.MEMBER
    ).select_related("group")
    return HandoverSection(
        title=_("Working groups they are a member of"),
        advice=_("A colleague may ask to join in their place."),
        items=[
            HandoverItem(text=membership.group.name, url=membership.group.get_absolute_url())
            for membership in memberships.order_by("group__name")
        ],
    )


@handover_provider
def _organizations_contact_of(person, viewer):
    other_active_contacts = Count(
        "organization__memberships",
        filter=Q(
            organization__memberships__role=Membership.Role.CONTACT,
            organization__memberships__user__is_active=True,
        )
        & ~Q(organization__memberships__user=person),
    )
    memberships = (
        Membership.objects.filter(user=person, role=Membership.Role.CONTACT)
        .select_related("organization")
        .annotate(other_active_contacts=other_active_contacts)
        .order_by("organization__name")
    )
    items = []
    for membership in memberships:
        if membership.other_active_contacts:
            note = ngettext(
                "%(count)s other active contact.",
                "%(count)s other active contacts.",
                membership.other_active_contacts,
            ) % {"count": membership.other_active_contacts}
        else:
            note = _("No other active contact: make a colleague its contact.")
        items.append(
            HandoverItem(
                text=membership.organization.name,
                url=reverse("organizations:people", kwargs={"slug": membership.organization.slug}),
                note=note,
            )
        )
    return HandoverSection(
        title=_("Organizations they are a contact of"),
        advice=_("Each active organization needs an active contact to keep its profile and people."),
        items=items,
    )


@handover_provider
def _invitations_sent(person, viewer):
    invitations = Invitation.objects.pending().filter(invited_by=person).select_related("organization")
    if not _viewer_sees_everything(viewer):
        # Invitee addresses stay with the organizations the viewer speaks for.
        invitations = invitations.filter(
            organization__memberships__user=viewer, organization__memberships__role=Membership.Role.CONTACT
        )
    return HandoverSection(
        title=_("Pending invitations they sent"),
        advice=_("They stay valid: resend or revoke them from the organization's people page."),
        items=[
            HandoverItem(
                text=_("%(email)s to %(organization)s")
                % {"email": invitation.email, "organization": invitation.organization.name},
                url=reverse("organizations:people", kwargs={"slug": invitation.organization.slug}),
            )
            for invitation in invitations.order_by("organization__name", "email")
        ],
    )
