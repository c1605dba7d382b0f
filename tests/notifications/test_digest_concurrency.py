"""Two workers running the digest at the same moment, on PostgreSQL: each person still gets one
digest (the unique constraint on planning, skipped row locks and leases on sending)."""

import pytest
from django.core import mail

from apps.notifications.digests.sending import digests_deliver, digests_plan
from apps.notifications.models import Digest
from apps.notifications.tasks import send_digests
from tests.concurrency import run_together
from tests.notifications.digest_support import days_ago, group_readers
from tests.roadmap.factories import StatusUpdateFactory


@pytest.fixture
def many_readers(action, group, organization):
    people = group_readers(40, group=group, organization=organization)
    StatusUpdateFactory(action=action, created_at=days_ago(1))
    return people


def recipients():
    return [address for message in mail.outbox for address in message.to]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_planning_and_sending_at_once_send_one_digest_each(many_readers):
    outcomes = run_together(
        lambda: send_digests("weekly"),
        lambda: send_digests("weekly"),
    )

    assert outcomes == ["done", "done"]
    sent = recipients()
    assert len(sent) == len(set(sent))
    assert {reader.email for reader in many_readers} <= set(sent)
    assert Digest.objects.filter(status=Digest.Status.SENT).count() == len(sent)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_senders_in_small_chunks_never_send_the_same_digest(many_readers):
    digests_plan(frequency="weekly")

    run_together(lambda: digests_deliver(chunk_size=3), lambda: digests_deliver(chunk_size=3))

    sent = recipients()
    assert len(sent) == len(set(sent)) == Digest.objects.filter(status=Digest.Status.SENT).count()
    assert not Digest.objects.exclude(status__in=[Digest.Status.SENT, Digest.Status.EMPTY]).exists()
