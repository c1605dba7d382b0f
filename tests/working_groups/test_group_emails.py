"""The outbox's e-mails re-read the database, so a change undone meanwhile sends nothing."""

from django.core import mail

from apps.core.models import Event
from apps.notifications.delivery import events_deliver
from apps.working_groups.models import JoinRequest
from apps.working_groups.services import group_member_add, join_request_create, join_request_decline
from tests.factories import MembershipFactory, WorkingGroupFactory


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


def test_a_decision_undone_before_the_worker_runs_sends_nothing(lead, join_request):
    join_request_decline(join_request=join_request, decided_by=lead)
    JoinRequest.objects.filter(pk=join_request.pk).update(status=JoinRequest.Status.PENDING)
    mail.outbox.clear()

    events_deliver()

    assert mail.outbox == []


def test_member_removed_before_the_worker_runs_gets_nothing(lead, member, group):
    membership = group_member_add(group=group, email=member.email, added_by=lead)
    membership.delete()
    mail.outbox.clear()

    events_deliver()

    assert mail.outbox == []


def test_plain_text_and_subject_are_not_html_escaped_but_html_is(staff, organization):
    group = WorkingGroupFactory(name="Workers' Voice & Skills")
    person = MembershipFactory(organization=organization, user__full_name="Seán O'Brien").user
    group_member_add(group=group, email=person.email, added_by=staff)
    mail.outbox.clear()

    events_deliver()

    (message,) = mail.outbox
    assert message.subject == "You were added to Workers' Voice & Skills"
    assert message.body.startswith("Hello Seán,")
    assert "Stella Staff added you to the Workers' Voice & Skills working group." in message.body
    assert "unsubscribe" not in message.body.lower()  # an account notice, not a notification
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Workers&#x27; Voice &amp; Skills" in html
