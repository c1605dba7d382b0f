"""Account notices: e-mails about a person's own account and membership (invitations, password
resets, applications decided, status and role changes, removals, group decisions, an API token
about to expire). They go out
from the outbox like the others, so Redis being down delays them and loses none, but they are not
notifications to opt out of: immediate e-mail off does not stop them, and they carry no
unsubscribe link.

The invitation and the password reset carry a secret link. Their events hold none: the link is
made when the e-mail is sent (Message.make_link), inside the transaction that sends it.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from apps.accounts.models import ApiToken, Invitation
from apps.accounts.services import invitation_link_issue
from apps.core.mail import absolute_url
from apps.core.models import Event
from apps.organizations.models import (
    Membership,
    MembershipApplication,
    MembershipStatusChange,
    Organization,
)
from apps.working_groups.models import GroupMembership, JoinRequest

from .immediate import Message, handles

Kind = Event.Kind


def _notice(person, template: str, context: dict) -> list[Message]:
    if person is None or not person.is_active:
        return []
    return [
        Message(template=template, context={"person": person, **context}, person=person, is_notice=True)
    ]


def _to_applicant(application: MembershipApplication, template: str, context: dict) -> Message:
    return Message(
        template=template,
        context={"application": application, "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL, **context},
        address=application.applicant_email,
        language=application.language,
        is_notice=True,
    )


def _application(application_id: int) -> MembershipApplication | None:
    return (
        MembershipApplication.objects.select_related("existing_organization")
        .prefetch_related("segments")
        .filter(pk=application_id)
        .first()
    )


@handles(Kind.APPLICATION_APPROVED)
def application_approved(event: Event) -> list[Message]:
    """Welcome the applicant. When invited, their link to set a password comes in its own e-mail."""
    application = _application(event.subject_id)
    organization = Organization.objects.filter(pk=event.data.get("organization_id")).first()
    if application is None or organization is None:
        return []
    context = {
        "organization": organization,
        "invited": event.data.get("invited", False),
        "sign_in_url": absolute_url(reverse("accounts:login")),
    }
    return [_to_applicant(application, "application_approved", context)]


@handles(Kind.APPLICATION_REJECTED)
def application_rejected(event: Event) -> list[Message]:
    application = _application(event.subject_id)
    if application is None or application.status != MembershipApplication.Status.REJECTED:
        return []
    return [_to_applicant(application, "application_rejected", {})]


@handles(Kind.MEMBERSHIP_STATUS_CHANGED)
def membership_status_changed(event: Event) -> list[Message]:
    """Each contact of the organization: its new status and the reason."""
    change = (
        MembershipStatusChange.objects.select_related("organization").filter(pk=event.subject_id).first()
    )
    if change is None:
        return []
    context = {
        "change": change,
        "organization": change.organization,
        "is_active": change.to_status == Organization.Status.ACTIVE,
        "status_url": absolute_url(reverse("organizations:membership_status")),
        "home_url": absolute_url(reverse("home")),
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
    }
    contacts = Membership.objects.filter(
        organization=change.organization, role=Membership.Role.CONTACT, user__is_active=True
    ).select_related("user")
    return [
        message
        for membership in contacts
        for message in _notice(membership.user, "membership_status_changed", context)
    ]


@handles(Kind.MEMBERSHIP_REMOVED)
def membership_removed(event: Event) -> list[Message]:
    """The person taken out of the organization (unless they were added back meanwhile)."""
    person = get_user_model().objects.filter(pk=event.data.get("user_id")).first()
    organization = Organization.objects.filter(pk=event.subject_id).first()
    if person is None or organization is None:
        return []
    if Membership.objects.filter(user=person, organization=organization).exists():
        return []
    return _notice(person, "people_membership_removed", {"organization": organization})


@handles(Kind.MEMBERSHIP_ROLE_CHANGED)
def membership_role_changed(event: Event) -> list[Message]:
    membership = (
        Membership.objects.select_related("user", "organization").filter(pk=event.subject_id).first()
    )
    if membership is None or membership.role != event.data.get("role"):
        return []
    organization = membership.organization
    context = {
        "membership": membership,
        "organization": organization,
        "organization_url": absolute_url(organization.get_absolute_url()),
        "people_url": absolute_url(reverse("organizations:people", kwargs={"slug": organization.slug})),
    }
    return _notice(membership.user, "people_role_changed", context)


@handles(Kind.JOIN_DECIDED)
def join_decided(event: Event) -> list[Message]:
    """The requester: approved or declined."""
    join_request = (
        JoinRequest.objects.select_related("group", "user", "decided_by")
        .filter(pk=event.subject_id)
        .first()
    )
    if join_request is None or join_request.status not in (
        JoinRequest.Status.APPROVED,
        JoinRequest.Status.DECLINED,
    ):
        return []
    context = {
        "group": join_request.group,
        "join_request": join_request,
        "is_approved": join_request.status == JoinRequest.Status.APPROVED,
        "group_url": absolute_url(join_request.group.get_absolute_url()),
        "groups_url": absolute_url(reverse("working_groups:list")),
    }
    return _notice(join_request.user, "group_join_decision", context)


@handles(Kind.GROUP_MEMBER_ADDED)
def group_member_added(event: Event) -> list[Message]:
    """A person a lead added to a group (unless removed again meanwhile)."""
    membership = (
        GroupMembership.objects.select_related("group", "user").filter(pk=event.subject_id).first()
    )
    if membership is None:
        return []
    context = {
        "group": membership.group,
        "added_by": event.actor,
        "group_url": absolute_url(membership.group.get_absolute_url()),
    }
    return _notice(membership.user, "group_member_added", context)


@handles(Kind.API_TOKEN_EXPIRING)
def api_token_expiring(event: Event) -> list[Message]:
    """The token's owner, while the token still works: it expires within the week."""
    token = ApiToken.objects.select_related("user").filter(pk=event.subject_id).first()
    if token is None or not token.is_active or token.expires_at.isoformat() != event.data.get("expires_at"):
        return []
    context = {
        "token": token,
        "tokens_url": absolute_url(reverse("accounts:api_tokens")),
    }
    return _notice(token.user, "api_token_expiring", context)


# E-mails with a secret link


@handles(Kind.INVITATION_SENT)
def invitation_sent(event: Event) -> list[Message]:
    """The invitee, with a link made now; nothing when the invitation was answered, revoked or
    resent since (the newer event sends the newer link), or this e-mail already went out."""
    invitation = (
        Invitation.objects.select_related("organization", "invited_by").filter(pk=event.subject_id).first()
    )
    sending = event.data.get("sending")
    if (
        invitation is None
        or not invitation.is_pending
        or invitation.sent_count != sending
        or invitation.sent_at is not None
    ):
        return []

    def make_link() -> dict | None:
        issued = invitation_link_issue(invitation_id=invitation.pk, sending=sending)
        if issued is None:
            return None
        issued_invitation, token = issued
        path = reverse("accounts:invitation_accept", kwargs={"token": token})
        return {"invitation": issued_invitation, "accept_url": absolute_url(path)}

    return [
        Message(
            template="invitation",
            context={"invitation": invitation},
            address=invitation.email,
            language=invitation.language,
            is_notice=True,
            make_link=make_link,
        )
    ]


@handles(Kind.PASSWORD_RESET_REQUESTED)
def password_reset_requested(event: Event) -> list[Message]:
    """The person, with a reset link made now (Django's token, valid PASSWORD_RESET_TIMEOUT from
    the sending). Nothing for a person deactivated since."""
    person = get_user_model().objects.filter(pk=event.subject_id, is_active=True).first()
    if person is None or not person.has_usable_password():
        return []

    def make_link() -> dict:
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
                "token": default_token_generator.make_token(person),
            },
        )
        return {"reset_url": absolute_url(path)}

    context = {"user": person, "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
    return [
        Message(
            template="password_reset",
            context=context,
            person=person,
            is_notice=True,
            make_link=make_link,
        )
    ]
