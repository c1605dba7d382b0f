"""The daily scan: an update reminder when it comes due and another a week later, a renewal
notice 30 days ahead; each once, however often the scan runs."""

from datetime import timedelta

from django.utils import timezone

from apps.core.models import Event
from apps.notifications.delivery import events_deliver
from apps.notifications.reminders import reminders_record
from apps.organizations.models import Membership
from tests.factories import MembershipFactory, OrganizationFactory
from tests.roadmap.factories import StatusUpdateFactory


def make_due(action, *, days_ago: int):
    action.next_update_due_on = timezone.localdate() - timedelta(days=days_ago)
    action.save(update_fields=["next_update_due_on"])


def subjects(mailbox):
    return [(message.to[0], message.subject) for message in mailbox]


def test_an_update_coming_due_reminds_the_owner_and_the_leads_once(action, owner, lead, mailoutbox):
    make_due(action, days_ago=0)

    assert reminders_record() == 1
    assert reminders_record() == 0
    events_deliver()

    assert sorted(message.to[0] for message in mailoutbox) == sorted([owner.email, lead.email])
    assert all(message.subject == "An update on FIN-1 is due" for message in mailoutbox)


def test_a_week_later_the_second_reminder_goes_out(action, owner, lead, mailoutbox):
    make_due(action, days_ago=0)
    reminders_record()
    events_deliver()
    mailoutbox.clear()

    week_later = timezone.localdate() + timedelta(days=7)
    assert reminders_record(today=week_later) == 1
    events_deliver()

    assert {message.subject for message in mailoutbox} == {
        "Reminder: the update on FIN-1 is a week overdue"
    }
    assert len(mailoutbox) == 2


def test_no_reminder_once_the_update_is_posted(action, owner, mailoutbox):
    make_due(action, days_ago=0)
    reminders_record()
    StatusUpdateFactory(action=action, author=owner)  # moves the next due date a month on

    events_deliver()

    assert mailoutbox == []
    assert Event.objects.get(kind=Event.Kind.ACTION_UPDATE_DUE).processed_at is not None


def test_renewal_notice_goes_to_the_contacts_30_days_ahead(db, mailoutbox):
    organization = OrganizationFactory(
        name="Lithium Nord", renewal_due_on=timezone.localdate() + timedelta(days=30)
    )
    contact = MembershipFactory(organization=organization, role=Membership.Role.CONTACT).user
    MembershipFactory(organization=organization, role=Membership.Role.MEMBER)
    OrganizationFactory(renewal_due_on=timezone.localdate() + timedelta(days=31))

    assert reminders_record() == 1
    assert reminders_record() == 0
    events_deliver()

    assert subjects(mailoutbox) == [(contact.email, "Lithium Nord: membership renewal in 30 days")]
