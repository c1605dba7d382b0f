"""Account notices (a person's own membership changing) travel through the outbox like the
rest, but turning immediate e-mail off does not stop them and they carry no unsubscribe link."""

from django.core import mail

from apps.core.models import Event
from apps.notifications.delivery import events_deliver
from apps.notifications.models import NotificationPreference
from apps.organizations.models import Membership
from apps.organizations.services.applications import application_submit
from apps.organizations.services.people import membership_remove, membership_set_role
from tests.organizations.application_helpers import application_fields


def delivered():
    mail.outbox.clear()
    events_deliver()
    return {message.to[0]: message for message in mail.outbox}


def test_a_removal_reaches_a_person_who_turned_immediate_email_off(contact, member, organization):
    NotificationPreference.objects.create(user=member, immediate_email=False)
    membership_remove(
        membership=Membership.objects.get(user=member, organization=organization), actor=contact
    )

    message = delivered()[member.email]

    assert organization.name in message.body
    assert "List-Unsubscribe" not in message.extra_headers
    assert "unsubscribe" not in message.body.lower()


def test_a_role_change_is_told_once(contact, member, organization):
    membership_set_role(
        membership=Membership.objects.get(user=member, organization=organization),
        actor=contact,
        role="contact",
    )

    assert list(delivered()) == [member.email]
    assert delivered() == {}
    assert Event.objects.get(kind=Event.Kind.MEMBERSHIP_ROLE_CHANGED).processed_at is not None


def test_an_application_sends_the_receipt_and_tells_staff_unless_they_opted_out(staff, db):
    NotificationPreference.objects.create(user=staff, immediate_email=False)
    application = application_submit(**application_fields())

    sent = delivered()

    assert list(sent) == [application.applicant_email]
    assert "List-Unsubscribe" not in sent[application.applicant_email].extra_headers
