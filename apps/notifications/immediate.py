"""Who hears at once about an event, and with which e-mail.

One function per event kind turns an event into messages: (person, template, context). Kinds
without a function (a listing published, an update hidden, ...) only feed digests. Each function
re-reads the subject and sends nothing stale: a request answered before its e-mail went out is
not announced as waiting.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from apps.core.mail import absolute_url
from apps.core.models import Event
from apps.organizations.models import Membership, MembershipApplication, Organization
from apps.patents.models import LicenceRequest, LicenceRequestMessage, LicenceRequestTransition
from apps.patents.permissions import licensing_contacts_of
from apps.roadmap.models import Action, StatusUpdate
from apps.working_groups.models import GroupMembership, JoinRequest
from apps.working_groups.selectors import group_leads

Kind = Event.Kind


@dataclass
class Message:
    template: str
    context: dict
    person: object = None  # a User; None for an address without an account (applicant, secretariat)
    address: str = ""
    language: str = field(default="")
    # An account notice (see account_notices.py): sent even with immediate e-mail off, no unsubscribe.
    is_notice: bool = False
    # An e-mail with a secret link (invitation, password reset) makes it when it is sent, inside
    # the transaction that sends it: returns what to add to `context`, or None when the e-mail
    # is no longer due. Nothing secret waits in an event or in the broker.
    make_link: Callable[[], dict | None] | None = None

    @property
    def email(self) -> str:
        return self.person.email if self.person else self.address


HANDLERS: dict[str, Callable[[Event], list[Message]]] = {}


def handles(kind: str):
    def register(function):
        HANDLERS[kind] = function
        return function

    return register


def messages_for(event: Event) -> list[Message]:
    handler = HANDLERS.get(event.kind)
    return handler(event) if handler else []


def _to(people, template: str, context: dict, *, skip=None) -> list[Message]:
    return [
        Message(template=template, context={"person": person, **context}, person=person)
        for person in people
        if person.is_active and person.pk != skip
    ]


# Roadmap


@handles(Kind.STATUS_UPDATED)
def status_updated(event: Event) -> list[Message]:
    """The action's owner hears when someone else posts on their action."""
    update = (
        StatusUpdate.objects.select_related("action__owner", "author")
        .filter(pk=event.subject_id)
        .first()
    )
    if update is None or update.is_hidden or update.action.owner is None:
        return []
    context = {
        "action": update.action,
        "update": update,
        "author": update.author,
        "action_url": absolute_url(update.action.get_absolute_url()),
    }
    return _to([update.action.owner], "status_updated", context, skip=update.author_id)


@handles(Kind.ACTION_OWNER_NAMED)
def action_owner_named(event: Event) -> list[Message]:
    action = Action.objects.select_related("owner", "working_group").filter(pk=event.subject_id).first()
    if action is None or action.owner_id is None or action.owner_id != event.data.get("owner_id"):
        return []
    context = {
        "action": action,
        "named_by": event.actor,
        "action_url": absolute_url(action.get_absolute_url()),
    }
    return _to([action.owner], "action_owner_named", context, skip=event.actor_id)


@handles(Kind.ACTION_OWNER_LEFT)
def action_owner_left(event: Event) -> list[Message]:
    """The owner left and nobody took the action over: the owning group's leads name someone (the
    secretariat when the action has no group or the group no lead). Nothing once it has an owner."""
    action = Action.objects.select_related("working_group").filter(pk=event.subject_id).first()
    if action is None or action.owner_id is not None:
        return []
    group = action.working_group
    leads = [membership.user for membership in group_leads(group=group)] if group else []
    context = {
        "action": action,
        "former_owner": get_user_model().objects.filter(pk=event.data.get("former_owner_id")).first(),
        "action_url": absolute_url(action.get_absolute_url()),
    }
    if leads:
        return _to(leads, "action_owner_left", context, skip=event.actor_id)
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email")
    return _to(staff, "action_owner_left", context, skip=event.actor_id)


@handles(Kind.ACTION_UPDATE_DUE)
def action_update_due(event: Event) -> list[Message]:
    """The owner and the group's leads, while the update is still due for the same date."""
    action = Action.objects.select_related("owner", "working_group").filter(pk=event.subject_id).first()
    if (
        action is None
        or not action.is_update_due()
        or str(action.next_update_due_on) != event.data.get("due_on")
    ):
        return []
    people = {action.owner} if action.owner else set()
    if action.working_group:
        people |= {membership.user for membership in group_leads(group=action.working_group)}
    context = {
        "action": action,
        "is_second_reminder": event.data.get("reminder") == 2,
        "action_url": absolute_url(action.get_absolute_url()),
    }
    return _to(sorted(people, key=lambda person: person.pk), "action_update_due", context)


# Working groups


@handles(Kind.JOIN_REQUESTED)
def join_requested(event: Event) -> list[Message]:
    join_request = (
        JoinRequest.objects.select_related("group", "user").filter(pk=event.subject_id).first()
    )
    if join_request is None or join_request.status != JoinRequest.Status.PENDING:
        return []
    group_url = absolute_url(join_request.group.get_absolute_url())
    requester_organizations = list(
        Membership.objects.filter(
            user=join_request.user, organization__membership_status=Organization.Status.ACTIVE
        ).values_list("organization__name", flat=True)
    )
    context = {
        "group": join_request.group,
        "join_request": join_request,
        "requester": join_request.user,
        "requester_organizations": requester_organizations,
        "requests_url": f"{group_url}#join-requests",
    }
    leads = [membership.user for membership in group_leads(group=join_request.group)]
    return _to(leads, "group_join_request", context)


@handles(Kind.GROUP_LEAD_NAMED)
def group_lead_named(event: Event) -> list[Message]:
    membership = (
        GroupMembership.objects.select_related("group", "user").filter(pk=event.subject_id).first()
    )
    if membership is None or membership.role != GroupMembership.Role.LEAD:
        return []
    context = {"group": membership.group, "group_url": absolute_url(membership.group.get_absolute_url())}
    return _to([membership.user], "group_lead_named", context, skip=event.actor_id)


# Membership


@handles(Kind.APPLICATION_SUBMITTED)
def application_submitted(event: Event) -> list[Message]:
    """The applicant's receipt, and a notice to every active staff person (or the secretariat's
    shared address when there is none) while the application waits."""
    application = (
        MembershipApplication.objects.prefetch_related("segments").filter(pk=event.subject_id).first()
    )
    if application is None:
        return []
    receipt = Message(
        template="application_received",
        context={"application": application, "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL},
        address=application.applicant_email,
        language=application.language,
        is_notice=True,
    )
    if application.status != MembershipApplication.Status.PENDING:
        return [receipt]
    context = {
        "application": application,
        "review_url": absolute_url(
            reverse("admin:organizations_membershipapplication_change", args=[application.pk])
        ),
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
    }
    staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email")
    notices = _to(staff, "application_waiting", context) or [
        Message(
            template="application_waiting",
            context=context,
            address=settings.SECRETARIAT_EMAIL,
            language=settings.LANGUAGE_CODE,
        )
    ]
    return [receipt, *notices]


@handles(Kind.RENEWAL_DUE)
def renewal_due(event: Event) -> list[Message]:
    organization = Organization.objects.filter(pk=event.subject_id).first()
    if (
        organization is None
        or organization.membership_status != Organization.Status.ACTIVE
        or str(organization.renewal_due_on) != event.data.get("renewal_due_on")
    ):
        return []
    contacts = [
        membership.user
        for membership in Membership.objects.filter(
            organization=organization, role=Membership.Role.CONTACT
        ).select_related("user")
    ]
    context = {
        "organization": organization,
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
        "organization_url": absolute_url(organization.get_absolute_url()),
    }
    return _to(contacts, "renewal_due", context)


# Patent pool


def _licence_request(request_id: int) -> LicenceRequest | None:
    return (
        LicenceRequest.objects.select_related(
            "listing__organization", "requesting_organization", "requested_by"
        )
        .filter(pk=request_id)
        .first()
    )


def _request_context(licence_request: LicenceRequest) -> dict:
    return {
        "licence_request": licence_request,
        "listing": licence_request.listing,
        "request_url": absolute_url(
            reverse("patents:request_detail", kwargs={"pk": licence_request.pk})
        ),
    }


def _requesting_side(licence_request: LicenceRequest) -> tuple[list, object]:
    """Who hears for the requesting side: the person who asked while they still belong to the
    requesting organization; once they have left, its current licensing contacts instead (and the
    person they stand in for, for the e-mail to say so)."""
    asker = licence_request.requested_by
    still_there = Membership.objects.filter(
        user=asker, organization_id=licence_request.requesting_organization_id
    ).exists()
    if asker.is_active and still_there:
        return [asker], None
    return list(licensing_contacts_of(licence_request.requesting_organization)), asker


def _author_side(author, licence_request: LicenceRequest, owner_contacts: list) -> str:
    """The side a message came from, as far as the author's memberships still tell: "owner",
    "requester", or "" when the author has since left both organizations."""
    if author in owner_contacts:
        return "owner"
    organization_ids = set(
        Membership.objects.filter(
            user=author,
            organization_id__in=[
                licence_request.requesting_organization_id,
                licence_request.listing.organization_id,
            ],
        ).values_list("organization_id", flat=True)
    )
    if licence_request.requesting_organization_id in organization_ids:
        return "requester"
    return "owner" if licence_request.listing.organization_id in organization_ids else ""


@handles(Kind.LICENCE_REQUESTED)
def licence_requested(event: Event) -> list[Message]:
    """The owner's licensing contacts (unless the request closed meanwhile)."""
    licence_request = _licence_request(event.subject_id)
    if licence_request is None or not licence_request.is_open:
        return []
    contacts = licensing_contacts_of(licence_request.listing.organization)
    return _to(contacts, "licence_requested", _request_context(licence_request))


@handles(Kind.LICENCE_REQUEST_CHANGED)
def licence_request_changed(event: Event) -> list[Message]:
    """A withdrawal goes to the owner's licensing contacts; an answer (accepted, licensed,
    declined, automatic declines included) to the requesting side (see `_requesting_side`)."""
    transition = (
        LicenceRequestTransition.objects.select_related(
            "actor",
            "request__listing__organization",
            "request__requesting_organization",
            "request__requested_by",
        )
        .filter(pk=event.data.get("transition_id"))
        .first()
    )
    if transition is None:
        return []
    context = {**_request_context(transition.request), "transition": transition}
    if transition.to_status == LicenceRequest.Status.WITHDRAWN:
        contacts = licensing_contacts_of(transition.request.listing.organization)
        return _to(contacts, "licence_withdrawn", context)
    people, in_place_of = _requesting_side(transition.request)
    return _to(people, "licence_answered", {**context, "in_place_of": in_place_of})


@handles(Kind.LICENCE_MESSAGE_SENT)
def licence_message_sent(event: Event) -> list[Message]:
    """The other side: the owner's current licensing contacts when the requesting side writes, the
    requesting side (see `_requesting_side`) when the owner writes. When the author has left both
    organizations since, and their side is unknown, both sides hear: each may read the thread."""
    message = (
        LicenceRequestMessage.objects.select_related(
            "author",
            "request__listing__organization",
            "request__requesting_organization",
            "request__requested_by",
        )
        .filter(pk=event.data.get("message_id"))
        .first()
    )
    if message is None:
        return []
    licence_request = message.request
    owner_contacts = list(licensing_contacts_of(licence_request.listing.organization))
    side = _author_side(message.author, licence_request, owner_contacts)
    context = {**_request_context(licence_request), "message": message, "author": message.author}
    if side == "requester":
        return _to(owner_contacts, "licence_message", context, skip=message.author_id)
    requesting_people, in_place_of = _requesting_side(licence_request)
    messages = _to(
        requesting_people, "licence_message", {**context, "in_place_of": in_place_of}, skip=message.author_id
    )
    if side == "":
        others = [person for person in owner_contacts if person not in requesting_people]
        messages += _to(others, "licence_message", context, skip=message.author_id)
    return messages
