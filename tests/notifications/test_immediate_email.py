"""Things that wait for a person reach them at once, from the outbox, with one-click unsubscribe."""

from django.core import mail
from django.utils import timezone

from apps.core.models import Event
from apps.notifications.delivery import events_deliver
from apps.notifications.models import Notification, NotificationPreference
from apps.notifications.reminders import reminders_record
from apps.roadmap.services import action_set_owner, status_update_post
from apps.working_groups.models import GroupMembership
from tests.factories import GroupMembershipFactory, MembershipFactory, UserFactory


def post_update(action, author, **changes):
    fields = {"status": "on_track", "percent_done": 20, "summary": "Funding map drafted with two banks."}
    return status_update_post(
        action=action, author=author, version=action.version, **{**fields, **changes}
    )


def test_a_leads_update_reaches_the_actions_owner_with_unsubscribe_headers(action, lead, owner):
    post_update(action, lead)
    mail.outbox.clear()

    events_deliver()

    (message,) = mail.outbox
    assert message.to == [owner.email]
    assert "FIN-1" in message.subject
    assert "Funding map drafted" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/en/notifications/unsubscribe/" in unsubscribe_url
    assert unsubscribe_url in message.body
    assert "/en/notifications/preferences/" in message.body


def test_the_owner_posting_on_their_own_action_gets_no_email(action, owner):
    post_update(action, owner)
    mail.outbox.clear()

    events_deliver()

    assert mail.outbox == []
    assert Event.objects.get(kind=Event.Kind.STATUS_UPDATED).processed_at is not None


def test_a_person_who_turned_immediate_email_off_gets_nothing(action, lead, owner):
    NotificationPreference.objects.create(user=owner, immediate_email=False)
    post_update(action, lead)
    mail.outbox.clear()

    events_deliver()

    assert mail.outbox == []


def test_each_event_is_sent_once_however_often_the_sweep_runs(action, lead, owner, sent_to):
    post_update(action, lead)
    mail.outbox.clear()

    events_deliver()
    events_deliver()

    assert sent_to() == [owner.email]
    assert Notification.objects.get().status == Notification.Status.SENT


def test_naming_an_owner_tells_them_in_their_language(action, lead, group, organization):
    french_member = UserFactory(full_name="Jeanne Tremblay", preferred_language="fr")
    MembershipFactory(user=french_member, organization=organization)
    GroupMembershipFactory(group=group, user=french_member)
    action_set_owner(action=action, actor=lead, owner=french_member)
    mail.outbox.clear()

    events_deliver()

    (message,) = mail.outbox
    assert message.to == [french_member.email]
    assert message.extra_headers["Content-Language"] == "fr-CA"
    assert "FIN-1" in message.subject
    assert "/fr/roadmap/actions/FIN-1/" in message.body
    assert "/fr/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]


def test_a_failed_send_is_retried_for_that_person_only(
    action, lead, owner, group, organization, settings
):
    second_lead = UserFactory(email="fails@example.ca")
    MembershipFactory(user=second_lead, organization=organization)
    GroupMembershipFactory(group=group, user=second_lead, role=GroupMembership.Role.LEAD)
    action.next_update_due_on = timezone.localdate()
    action.save(update_fields=["next_update_due_on"])
    reminders_record()
    settings.EMAIL_BACKEND = "tests.notifications.mail_backends.RefuseSomeAddresses"
    settings.REFUSED_ADDRESSES = ["fails@example.ca"]
    mail.outbox.clear()

    events_deliver()

    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [owner.email, lead.email]
    )
    event = Event.objects.get(kind=Event.Kind.ACTION_UPDATE_DUE)
    assert event.processed_at is None and event.next_attempt_at is not None

    settings.REFUSED_ADDRESSES = []
    Event.objects.filter(pk=event.pk).update(next_attempt_at=None)  # the backoff has passed
    mail.outbox.clear()
    events_deliver()

    assert [message.to for message in mail.outbox] == [["fails@example.ca"]]
    assert Event.objects.get(pk=event.pk).processed_at is not None
