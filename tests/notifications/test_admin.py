"""The secretariat sees each digest sent, sends itself a test digest, and edits the schedule."""

from django.core import mail
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from apps.core.models import Event
from apps.notifications.delivery import events_deliver
from apps.notifications.models import Digest, NotificationPreference
from apps.roadmap.models import Status
from tests.factories import GroupMembershipFactory
from tests.notifications.digest_support import days_ago, send_weekly_digests
from tests.roadmap.factories import StatusUpdateFactory

DIGESTS_URL = reverse("admin:notifications_digest_changelist")
TEST_DIGEST_URL = reverse("admin:notifications_digest_send_test")


def test_staff_see_each_digest_sent_to_whom_and_how_many_items(
    client_for, staff, action, lead, member, group
):
    GroupMembershipFactory(group=group, user=member)
    StatusUpdateFactory(action=action, author=lead, status=Status.ON_TRACK, created_at=days_ago(1))
    send_weekly_digests()

    response = client_for(staff).get(DIGESTS_URL)

    assert response.status_code == 200
    rows = {digest.recipient.email: digest for digest in response.context["cl"].result_list}
    assert rows[member.email].item_count == 1
    assert rows[member.email].status == Digest.Status.SENT
    assert "Send me a test digest" in response.content.decode()


def test_a_test_digest_goes_to_the_staff_person_only_and_is_not_recorded(
    client_for, staff, action, lead
):
    StatusUpdateFactory(action=action, author=lead, status=Status.AT_RISK, created_at=days_ago(2))

    NotificationPreference.objects.create(user=staff, covers_whole_roadmap=True)
    mail.outbox.clear()

    response = client_for(staff).post(TEST_DIGEST_URL, follow=True)

    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert message.subject.startswith("[Test] Your weekly alliance digest")
    assert "FIN-1" in message.body
    assert "A test digest with 1 item was sent" in response.content.decode()
    assert not Digest.objects.exists()


def test_an_empty_test_digest_is_not_sent_and_says_so(client_for, staff):
    response = client_for(staff).post(TEST_DIGEST_URL, follow=True)

    assert mail.outbox == []
    assert "would be empty" in response.content.decode()


def test_members_cannot_reach_the_digest_admin(client_for, member):
    assert client_for(member).get(DIGESTS_URL).status_code == 302
    assert client_for(member).post(TEST_DIGEST_URL).status_code == 302
    assert mail.outbox == []


def test_a_get_does_not_send_a_test_digest(client_for, staff):
    assert client_for(staff).get(TEST_DIGEST_URL).status_code == 405


def test_the_schedule_is_in_the_admin_in_toronto_time(client_for, staff):
    daily = PeriodicTask.objects.get(name="Daily digest")
    weekly = PeriodicTask.objects.get(name="Weekly digest")

    assert (daily.crontab.hour, daily.crontab.minute, daily.crontab.day_of_week) == ("7", "0", "*")
    assert (weekly.crontab.hour, weekly.crontab.day_of_week) == ("7", "1")
    assert str(daily.crontab.timezone) == "America/Toronto"
    assert daily.args == '["daily"]' and weekly.args == '["weekly"]'
    assert PeriodicTask.objects.get(name="Deliver waiting notifications (sweep)").interval.every == 1
    change_url = reverse("admin:django_celery_beat_periodictask_change", args=[daily.pk])
    assert client_for(staff).get(change_url).status_code == 200


def test_naming_a_lead_in_the_admin_emails_them(client_for, staff, group, member, organization):
    membership = GroupMembershipFactory(group=group, user=member)
    url = reverse("admin:working_groups_groupmembership_change", args=[membership.pk])

    response = client_for(staff).post(url, {"user": member.pk, "group": group.pk, "role": "lead"})

    assert response.status_code == 302
    assert Event.objects.filter(kind=Event.Kind.GROUP_LEAD_NAMED, subject_id=membership.pk).exists()
    mail.outbox.clear()
    events_deliver()
    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([member.email], f"You now lead {group.name}")
    ]
