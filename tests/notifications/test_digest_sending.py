"""One digest per person and period: a second run sends nothing, a failed send is retried for
that person alone, and building digests costs the same queries for 3 people as for 30."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.notifications.digests.building import digest_contents
from apps.notifications.digests.sending import digests_deliver, digests_plan
from apps.notifications.models import Digest, NotificationPreference
from apps.notifications.tasks import send_digests
from apps.roadmap.models import Status
from tests.factories import GroupMembershipFactory, MembershipFactory, UserFactory
from tests.notifications.digest_support import days_ago, group_readers, send_weekly_digests
from tests.roadmap.factories import StatusUpdateFactory


@pytest.fixture
def readers(action, group, organization):
    """Three members of the Financing group, and an update on its action yesterday."""
    people = group_readers(3, group=group, organization=organization)
    StatusUpdateFactory(
        action=action, status=Status.ON_TRACK, created_at=timezone.now() - timedelta(hours=2)
    )
    return people


def addresses():
    return sorted(address for message in mail.outbox for address in message.to)


def test_running_the_digest_task_twice_sends_each_person_one(readers):
    send_digests("weekly")
    first = addresses()
    send_digests("weekly")

    assert first == addresses()
    assert {reader.email for reader in readers} <= set(first)
    assert Digest.objects.filter(recipient__in=readers, status=Digest.Status.SENT).count() == 3


def test_a_failed_send_is_retried_for_that_person_alone(readers, settings):
    settings.EMAIL_BACKEND = "tests.notifications.mail_backends.RefuseSomeAddresses"
    settings.REFUSED_ADDRESSES = [readers[0].email]
    digests_plan(frequency="weekly")

    result = digests_deliver()

    assert result.failed == 1
    failed = Digest.objects.get(recipient=readers[0])
    assert failed.status == Digest.Status.FAILED and failed.next_attempt_at > timezone.now()
    assert readers[0].email not in addresses()
    digests_deliver()  # the backoff has not passed: nothing is retried yet
    assert readers[0].email not in addresses()

    settings.REFUSED_ADDRESSES = []
    Digest.objects.filter(pk=failed.pk).update(next_attempt_at=timezone.now())
    mail.outbox.clear()
    digests_deliver()

    assert addresses() == [readers[0].email]
    assert Digest.objects.get(pk=failed.pk).status == Digest.Status.SENT


def test_a_digest_left_sending_by_a_dead_worker_is_sent_after_its_lease(readers):
    digests_plan(frequency="weekly")
    Digest.objects.filter(recipient=readers[0]).update(
        status=Digest.Status.SENDING, claimed_until=days_ago(1)
    )
    Digest.objects.filter(recipient=readers[1]).update(
        status=Digest.Status.SENDING, claimed_until=timezone.now() + timezone.timedelta(minutes=5)
    )

    digests_deliver()

    assert readers[0].email in addresses()
    assert readers[1].email not in addresses()  # still held by a live worker


def test_the_digest_records_who_when_and_how_many_items(readers):
    send_weekly_digests()

    digest = Digest.objects.get(recipient=readers[0])
    assert digest.item_count == 1
    assert digest.sent_at is not None
    assert digest.frequency == "weekly"


def test_daily_readers_get_the_daily_digest_and_not_the_weekly(readers):
    NotificationPreference.objects.create(user=readers[0], digest_frequency="daily")
    NotificationPreference.objects.create(user=readers[1], digest_frequency="never")

    send_digests("daily")
    assert addresses() == [readers[0].email]
    mail.outbox.clear()
    send_digests("weekly")

    assert readers[2].email in addresses()
    assert readers[0].email not in addresses() and readers[1].email not in addresses()


def build_queries(count, action, group, organization) -> int:
    for _ in range(count):
        person = UserFactory()
        MembershipFactory(user=person, organization=organization)
        GroupMembershipFactory(group=group, user=person)
        StatusUpdateFactory(action=action, author=person, created_at=days_ago(1))
    digests_plan(frequency="weekly")
    digests = list(Digest.objects.select_related("recipient__notification_preference"))
    with CaptureQueriesContext(connection) as queries:
        contents = digest_contents(digests)
    assert sum(content.item_count for content in contents) >= count
    Digest.objects.all().delete()
    return len(queries)


def test_building_digests_costs_the_same_queries_for_3_or_30_people(action, group, organization):
    few = build_queries(3, action, group, organization)
    many = build_queries(30, action, group, organization)

    assert few == many
    assert many <= 12


def deliver_queries_beyond_one_per_digest_sent(count, action, group, organization) -> int:
    for _ in range(count):
        person = UserFactory()
        MembershipFactory(user=person, organization=organization)
        GroupMembershipFactory(group=group, user=person)
    StatusUpdateFactory(action=action, created_at=timezone.now() - timedelta(hours=2))
    digests_plan(frequency="weekly")
    with CaptureQueriesContext(connection) as queries:
        result = digests_deliver()
    assert result.sent >= count
    Digest.objects.all().delete()
    return len(queries) - result.sent


def test_sending_costs_one_update_per_digest_beyond_a_fixed_number(action, group, organization):
    """Recording each digest as it goes out is what lets a retry skip it: one UPDATE each."""
    assert deliver_queries_beyond_one_per_digest_sent(
        2, action, group, organization
    ) == deliver_queries_beyond_one_per_digest_sent(20, action, group, organization)
