"""Planning and sending digests: one per person and period, whatever runs twice.

`digests_plan` writes one Digest row per recipient for the period (the unique constraint turns a
second run, or a second worker, into a no-op). `digests_deliver` claims waiting rows in chunks,
builds their content in a fixed number of queries, sends each and records it at once; a failed
send waits for a retry that sends only the digests still unsent.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone, translation

from apps.core.mail import absolute_url, send_templated_email

from ..delivery import MAX_ATTEMPTS, SEND_ERRORS, retry_delay
from ..models import Digest, Frequency
from ..selectors import digest_recipients
from ..unsubscribe import Scope, unsubscribe_links
from .building import DigestContent, digest_contents

logger = logging.getLogger(__name__)

PERIOD_LENGTH = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}
# A person back from "never" gets at most this much history in their first digest.
LONGEST_LOOKBACK = timedelta(days=35)
CLAIM_FOR = timedelta(minutes=30)
CHUNK_SIZE = 500
WAITING = (Digest.Status.PENDING, Digest.Status.FAILED)


@dataclass
class DeliveryResult:
    sent: int = 0
    empty: int = 0
    failed: int = 0
    gave_up: int = 0


def period_start(*, frequency: str, now: datetime | None = None) -> date:
    """The day (daily) or the Monday (weekly) the period starts on, in the portal's time zone."""
    today = timezone.localdate(now or timezone.now())
    return today - timedelta(days=today.weekday()) if frequency == Frequency.WEEKLY else today


def digests_plan(*, frequency: str, now: datetime | None = None) -> date:
    """One waiting digest per recipient for the current period (none for people who have one)."""
    now = now or timezone.now()
    start = period_start(frequency=frequency, now=now)
    last_covered = Subquery(
        Digest.objects.filter(
            recipient=OuterRef("pk"), status__in=(Digest.Status.SENT, Digest.Status.EMPTY)
        )
        .order_by("-covers_until")
        .values("covers_until")[:1]
    )
    default_from = now - PERIOD_LENGTH[frequency]
    earliest = now - LONGEST_LOOKBACK
    rows = (
        digest_recipients(frequency=frequency)
        .annotate(last_covered=last_covered)
        .values_list("pk", "last_covered")
    )
    Digest.objects.bulk_create(
        (
            Digest(
                recipient_id=person_id,
                frequency=frequency,
                period_start=start,
                covers_from=max(last or default_from, earliest),
                covers_until=now,
            )
            for person_id, last in rows.iterator(chunk_size=2000)
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    return start


def digests_deliver(*, chunk_size: int = CHUNK_SIZE) -> DeliveryResult:
    """Send every digest that waits and is due, chunk by chunk."""
    result = DeliveryResult()
    while chunk := _claim(chunk_size):
        _deliver_chunk(chunk, result)
    return result


def _claim(chunk_size: int) -> list[Digest]:
    now = timezone.now()
    due = Digest.objects.filter(
        Q(status__in=WAITING, next_attempt_at__isnull=True)
        | Q(status__in=WAITING, next_attempt_at__lte=now)
        # A worker died holding these: its lease ran out.
        | Q(status=Digest.Status.SENDING, claimed_until__lt=now)
    )
    with transaction.atomic():
        ids = list(
            due.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:chunk_size]
        )
        Digest.objects.filter(pk__in=ids).update(
            status=Digest.Status.SENDING, claimed_until=now + CLAIM_FOR
        )
    return list(
        Digest.objects.filter(pk__in=ids)
        .select_related("recipient__notification_preference")
        .order_by("pk")
    )


def _deliver_chunk(chunk: list[Digest], result: DeliveryResult) -> None:
    contents = digest_contents(chunk)
    empty_ids = [digest.pk for digest, content in zip(chunk, contents, strict=True) if content.is_empty]
    Digest.objects.filter(pk__in=empty_ids).update(
        status=Digest.Status.EMPTY, claimed_until=None, attempts=F("attempts") + 1
    )
    result.empty += len(empty_ids)
    for digest, content in zip(chunk, contents, strict=True):
        if not content.is_empty:
            _send_one(digest, content, result)


def _send_one(digest: Digest, content: DigestContent, result: DeliveryResult) -> None:
    attempts = digest.attempts + 1
    try:
        digest_email_send(digest=digest, content=content)
    except SEND_ERRORS as error:
        logger.warning("The digest %s to %s failed: %s", digest.pk, digest.recipient.email, error)
        gave_up = attempts >= MAX_ATTEMPTS
        Digest.objects.filter(pk=digest.pk).update(
            status=Digest.Status.GAVE_UP if gave_up else Digest.Status.FAILED,
            attempts=attempts,
            claimed_until=None,
            next_attempt_at=timezone.now() + retry_delay(attempts),
            last_error=(str(error) or error.__class__.__name__)[:500],
        )
        if gave_up:
            result.gave_up += 1
        else:
            result.failed += 1
        return
    Digest.objects.filter(pk=digest.pk).update(
        status=Digest.Status.SENT,
        attempts=attempts,
        claimed_until=None,
        item_count=content.item_count,
        sent_at=timezone.now(),
        last_error="",
    )
    result.sent += 1


def digest_email_send(*, digest: Digest, content: DigestContent, is_test: bool = False) -> None:
    """The digest e-mail, in the recipient's language, with one-click unsubscribe."""
    person = digest.recipient
    with translation.override(person.preferred_language or None):
        links = unsubscribe_links(user_id=person.pk, scope=Scope.DIGEST)
        send_templated_email(
            template="digest",
            to=[person.email],
            context={
                "person": person,
                "digest": digest,
                "content": content,
                "is_test": is_test,
                "is_daily": digest.frequency == Frequency.DAILY,
                "home_url": absolute_url(reverse("home")),
                "urls": _section_pages(),
                **links["context"],
            },
            headers=links["headers"],
        )


def _section_pages() -> dict:
    """Where each section's "and N more" leads, in the current language (worked out once per
    language, not once per digest)."""
    return _section_pages_in(translation.get_language(), settings.SITE_URL)


@lru_cache(maxsize=8)
def _section_pages_in(language: str, site_url: str) -> dict:
    names = {
        "my_actions": "roadmap:my_actions",
        "requests": "patents:requests",
        "actions": "roadmap:action_list",
        "roadmap": "roadmap:overview",
        "pool": "patents:pool",
        "directory": "organizations:directory",
    }
    return {key: f"{site_url}{reverse(name)}" for key, name in names.items()}


def digest_test_send(*, person) -> int:
    """Send `person` the digest they would get for the last seven days, marked as a test and
    recorded nowhere. Returns its number of items (nothing is sent when there are none)."""
    now = timezone.now()
    digest = Digest(
        recipient=person,
        frequency=Frequency.WEEKLY,
        period_start=period_start(frequency=Frequency.WEEKLY, now=now),
        covers_from=now - PERIOD_LENGTH[Frequency.WEEKLY],
        covers_until=now,
    )
    (content,) = digest_contents([digest])
    if not content.is_empty:
        digest_email_send(digest=digest, content=content, is_test=True)
    return content.item_count
