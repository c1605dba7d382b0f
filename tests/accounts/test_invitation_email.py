"""The invitation e-mail and the services that send, resend and revoke it."""

import json
import re

import pytest
from django.core import mail
from django.utils import formats, timezone

from apps.accounts import services
from apps.accounts.models import Invitation
from apps.core.errors import DomainError
from apps.core.models import Event
from apps.notifications.delivery import events_deliver

pytestmark = pytest.mark.django_db


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/en/accounts/invitations/\S+/)", message.body).group(1)


def invite(django_capture_on_commit_callbacks, **arguments):
    with django_capture_on_commit_callbacks(execute=True):
        return services.invitation_create(**arguments)


def test_invitation_email_says_who_invites_to_what_and_until_when(
    client, organization, contact, django_capture_on_commit_callbacks
):
    invitation = invite(
        django_capture_on_commit_callbacks,
        organization=organization,
        email=" Nina@Northern-Cells.ca ",
        role=Invitation.Role.CONTACT,
        invited_by=contact,
        full_name="Nina Newcomer",
    )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@northern-cells.ca"]
    assert (
        message.subject
        == "You are invited to join Northern Cells Inc. on the National Battery Alliance portal"
    )
    expiry = formats.date_format(timezone.localtime(invitation.expires_at), "DATETIME_FORMAT")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    for body in (message.body, html):
        assert "Hello Nina Newcomer," in body
        assert "Carla Contact invites you to join" in body
        assert "Organization contact" in body
        assert f"expires on {expiry}" in body
        assert link_in(message) in body
    assert client.get(link_in(message)).status_code == 200


def test_invitation_from_the_secretariat_says_so(client, organization, django_capture_on_commit_callbacks):
    invite(
        django_capture_on_commit_callbacks,
        organization=organization,
        email="new@northern-cells.ca",
        role=Invitation.Role.MEMBER,
        invited_by=None,
    )

    assert "The alliance secretariat invites you to join Northern Cells Inc." in mail.outbox[0].body


def test_plain_text_email_does_not_escape_names(organization, contact, django_capture_on_commit_callbacks):
    organization.name = "Cells & Co."
    organization.save()

    invite(
        django_capture_on_commit_callbacks,
        organization=organization,
        email="a@b.ca",
        role="member",
        invited_by=contact,
    )

    assert "Cells & Co." in mail.outbox[0].subject
    assert "Cells & Co." in mail.outbox[0].body
    assert "Cells &amp; Co." in mail.outbox[0].alternatives[0][0]


def test_resend_replaces_the_link_and_restarts_the_clock(
    client, organization, contact, django_capture_on_commit_callbacks
):
    invitation = invite(
        django_capture_on_commit_callbacks,
        organization=organization,
        email="a@b.ca",
        role="member",
        invited_by=contact,
    )
    old_link = link_in(mail.outbox[0])
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() + timezone.timedelta(hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        resent = services.invitation_resend(invitation=invitation, sent_by=contact)

    assert len(mail.outbox) == 2
    assert resent.sent_count == 2
    assert resent.expires_at > timezone.now() + timezone.timedelta(days=13)
    assert client.get(old_link).status_code == 404
    assert client.get(link_in(mail.outbox[1])).status_code == 200


def test_revoked_link_stops_working(client, organization, contact, django_capture_on_commit_callbacks):
    invitation = invite(
        django_capture_on_commit_callbacks,
        organization=organization,
        email="a@b.ca",
        role="member",
        invited_by=contact,
    )

    services.invitation_revoke(invitation=invitation, revoked_by=contact)

    assert client.get(link_in(mail.outbox[0])).status_code == 410
    with pytest.raises(DomainError, match="already accepted or revoked"):
        services.invitation_revoke(invitation=invitation, revoked_by=contact)
    with pytest.raises(DomainError, match="cannot be resent"):
        services.invitation_resend(invitation=invitation, sent_by=contact)


@pytest.mark.parametrize(
    ("email", "role", "message"),
    [
        ("mo@northern-cells.ca", "member", "already belongs to Northern Cells Inc."),
        ("MO@northern-cells.ca", "member", "already belongs to Northern Cells Inc."),
        ("pending@northern-cells.ca", "member", "already has a pending invitation"),
        ("new@northern-cells.ca", "owner", "Choose a role"),
    ],
)
def test_refused_invitations_write_and_send_nothing(
    organization, contact, member, email, role, message, django_capture_on_commit_callbacks
):
    invite(
        django_capture_on_commit_callbacks,
        organization=organization,
        email="pending@northern-cells.ca",
        role="member",
        invited_by=contact,
    )
    mail.outbox.clear()

    with pytest.raises(DomainError, match=message):
        invite(
            django_capture_on_commit_callbacks,
            organization=organization,
            email=email,
            role=role,
            invited_by=contact,
        )

    assert Invitation.objects.count() == 1
    assert mail.outbox == []


def test_accepting_the_same_link_twice_joins_once(organization, contact, django_capture_on_commit_callbacks):
    invite(
        django_capture_on_commit_callbacks,
        organization=organization,
        email="a@b.ca",
        role="member",
        invited_by=contact,
    )
    token = link_in(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    person = services.invitation_accept(token=token, full_name="A B", password="graphite-anode-supply-chain")

    with pytest.raises(DomainError, match="no longer valid"):
        services.invitation_accept(token=token, user=person)

    assert person.memberships.count() == 1


def invite_without_delivering(organization, contact, email="nina@northern-cells.ca"):
    """The invitation is recorded; its wake-up is never published (as when Redis is down)."""
    return services.invitation_create(
        organization=organization, email=email, role="member", invited_by=contact
    )


def test_the_invitation_waits_in_the_outbox_without_its_link(client, organization, contact):
    invitation = invite_without_delivering(organization, contact)

    event = Event.objects.get(kind=Event.Kind.INVITATION_SENT)
    assert (event.subject_id, event.actor, event.data) == (invitation.pk, contact, {"sending": 1})
    assert invitation.sent_at is None
    assert mail.outbox == []

    events_deliver()

    (message,) = mail.outbox
    token = link_in(message).rstrip("/").rsplit("/", 1)[1]
    assert token not in json.dumps(Event.objects.get(pk=event.pk).data)
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert client.get(link_in(message)).status_code == 200


def test_a_failed_send_leaves_the_invitation_waiting_and_a_retry_sends_it(
    client, organization, contact, settings
):
    settings.EMAIL_BACKEND = "tests.notifications.mail_backends.RefuseSomeAddresses"
    settings.REFUSED_ADDRESSES = ["nina@northern-cells.ca"]
    invitation = invite_without_delivering(organization, contact)

    events_deliver()

    invitation.refresh_from_db()
    assert (invitation.sent_at, mail.outbox) == (None, [])
    event = Event.objects.get(kind=Event.Kind.INVITATION_SENT)
    assert event.processed_at is None and event.next_attempt_at is not None

    settings.REFUSED_ADDRESSES = []
    Event.objects.update(next_attempt_at=timezone.now())  # the retry is due
    events_deliver()

    (message,) = mail.outbox
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert client.get(link_in(message)).status_code == 200


def test_a_resend_before_the_first_email_went_out_sends_only_the_new_link(client, organization, contact):
    invitation = invite_without_delivering(organization, contact)
    services.invitation_resend(invitation=invitation, sent_by=contact)

    events_deliver()

    (message,) = mail.outbox
    assert client.get(link_in(message)).status_code == 200
    assert not Event.objects.filter(processed_at__isnull=True).exists()


def test_the_invitation_email_goes_out_once(organization, contact):
    invite_without_delivering(organization, contact)
    events_deliver()
    Event.objects.update(processed_at=None)  # as if the worker died before marking it done

    events_deliver()

    assert len(mail.outbox) == 1


def test_an_invitation_revoked_before_its_email_went_out_is_not_sent(organization, contact):
    invitation = invite_without_delivering(organization, contact)
    services.invitation_revoke(invitation=invitation, revoked_by=contact)

    events_deliver()

    assert mail.outbox == []
