"""Building blocks of the digest tests: a week of alliance activity, and the digests it makes."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from apps.notifications.digests.sending import digests_deliver, digests_plan
from apps.notifications.models import Digest
from tests.factories import GroupMembershipFactory, MembershipFactory, UserFactory


def send_weekly_digests():
    """Plan and send this week's digests; returns the e-mails sent, by recipient."""
    mail.outbox.clear()
    digests_plan(frequency="weekly")
    digests_deliver()
    return {message.to[0]: message for message in mail.outbox}


def group_readers(count: int, *, group, organization) -> list:
    """`count` people of `organization` in `group`, whose digests cover the group's actions."""
    people = [UserFactory(email=f"reader{n}@example.ca") for n in range(count)]
    for person in people:
        MembershipFactory(user=person, organization=organization)
        GroupMembershipFactory(group=group, user=person)
    return people


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def digest_of(person) -> Digest:
    return Digest.objects.get(recipient=person)
