"""The e-mail tasks re-read the database, so a change that was undone meanwhile sends nothing."""

from django.core import mail

from apps.notifications.delivery import events_deliver
from apps.notifications.models import Event
from apps.working_groups.models import JoinRequest
from apps.working_groups.services import join_request_create
from apps.working_groups.tasks import send_join_decision_email, send_member_added_email
from tests.factories import GroupMembershipFactory, WorkingGroupFactory


def test_request_cancelled_before_the_worker_runs_sends_nothing_to_leads(lead, member, group):
    join_request = join_request_create(group=group, user=member)
    JoinRequest.objects.filter(pk=join_request.pk).update(status=JoinRequest.Status.CANCELLED)
    mail.outbox.clear()

    events_deliver()

    assert mail.outbox == []
    assert not Event.objects.filter(processed_at__isnull=True).exists()


def test_waiting_request_reaches_the_leads_when_the_worker_runs(lead, member, group):
    join_request_create(group=group, user=member)
    mail.outbox.clear()

    events_deliver()

    assert [message.to for message in mail.outbox] == [[lead.email]]


def test_pending_request_sends_no_decision(join_request):
    mail.outbox.clear()

    send_join_decision_email(join_request.pk)

    assert mail.outbox == []


def test_member_removed_before_the_task_runs_gets_nothing(lead, member, group):
    membership = GroupMembershipFactory(group=group, user=member)
    membership_id = membership.pk
    membership.delete()
    mail.outbox.clear()

    send_member_added_email(membership_id, lead.pk)

    assert mail.outbox == []


def test_plain_text_and_subject_are_not_html_escaped_but_html_is(lead):
    group = WorkingGroupFactory(name="Workers' Voice & Skills")
    membership = GroupMembershipFactory(group=group, user__full_name="Seán O'Brien")
    mail.outbox.clear()

    send_member_added_email(membership.pk, lead.pk)

    (message,) = mail.outbox
    assert message.subject == "You were added to Workers' Voice & Skills"
    assert message.body.startswith("Hello Seán,")
    assert "Lea Lead added you to the Workers' Voice & Skills working group." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Workers&#x27; Voice &amp; Skills" in html
