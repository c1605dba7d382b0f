"""Delivering the outbox: each event's immediate e-mails, exactly once per person.

A worker claims a batch of waiting events (row locks skipped by other workers, then a lease in
`claimed_until`), sends each recipient's e-mail and records it as a Notification at once. A
retry, after a crash or a failed send, skips the people already recorded; only a worker killed
between the mail server's "accepted" and that record can repeat one e-mail.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from apps.core.mail import send_templated_email
from apps.core.models import Event

from . import account_notices  # noqa: F401  (registers its handlers)
from .immediate import Message, messages_for
from .models import Notification
from .selectors import people_muting_immediate_email
from .unsubscribe import Scope, unsubscribe_links

logger = logging.getLogger(__name__)

CLAIM_FOR = timedelta(minutes=10)
MAX_ATTEMPTS = 6
SEND_ERRORS = (OSError,)  # smtplib.SMTPException and ConnectionError are OSErrors


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8... minutes, at most an hour."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def events_deliver(*, batch_size: int = 100) -> int:
    """Deliver every event that waits and is due; returns how many were handled."""
    handled = 0
    while events := _claim_events(batch_size):
        for event in events:
            _deliver(event)
        handled += len(events)
    return handled


def _claim_events(batch_size: int) -> list[Event]:
    now = timezone.now()
    due = (
        Event.objects.filter(processed_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    )
    with transaction.atomic():
        ids = list(
            due.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        Event.objects.filter(pk__in=ids).update(claimed_until=now + CLAIM_FOR)
    return list(Event.objects.filter(pk__in=ids).select_related("actor").order_by("pk"))


def _deliver(event: Event) -> None:
    try:
        messages = messages_for(event)
    except Exception:  # a bug in one kind must not stop the queue: retried later, then given up
        logger.exception("Could not work out the e-mails of event %s", event.pk)
        _finish(event, failed=True)
        return
    already_sent = set(
        Notification.objects.filter(event=event, status=Notification.Status.SENT).values_list(
            "recipient_id", flat=True
        )
    )
    muted = people_muting_immediate_email(
        [message.person.pk for message in messages if message.person and not message.is_notice]
    )
    failed = False
    for message in messages:
        person_id = message.person.pk if message.person else None
        if person_id in already_sent or (person_id in muted and not message.is_notice):
            continue
        failed |= not _send_and_record(event, message)
    _finish(event, failed=failed)


def _send_and_record(event: Event, message: Message) -> bool:
    error = ""
    try:
        # What making a link writes (an invitation's token and time sent) is undone when the
        # send fails, so the e-mail still counts as waiting.
        with transaction.atomic():
            if message.make_link is not None:
                link = message.make_link()
                if link is None:
                    return True
                message.context = {**message.context, **link}
            notification_send(message)
    except SEND_ERRORS as exception:
        logger.warning("Sending %s to %s failed: %s", message.template, message.email, exception)
        error = str(exception)[:500] or exception.__class__.__name__
    if message.person is not None:
        _record(event, message.person, error)
    return not error


def _record(event: Event, person, error: str) -> None:
    notification, created = Notification.objects.get_or_create(
        event=event,
        recipient=person,
        defaults={
            "status": Notification.Status.FAILED if error else Notification.Status.SENT,
            "last_error": error,
        },
    )
    if not created:
        notification.status = Notification.Status.FAILED if error else Notification.Status.SENT
        notification.last_error = error
        notification.attempts += 1
        notification.save(update_fields=["status", "last_error", "attempts", "updated_at"])


def _finish(event: Event, *, failed: bool) -> None:
    now = timezone.now()
    attempts = event.attempts + 1
    if failed and attempts < MAX_ATTEMPTS:
        changes = {"attempts": attempts, "next_attempt_at": now + retry_delay(attempts)}
    else:
        changes = {"attempts": attempts, "processed_at": now}
    Event.objects.filter(pk=event.pk).update(claimed_until=None, **changes)


def notification_send(message: Message) -> None:
    """One immediate e-mail, in its recipient's language, with one-click unsubscribe (account
    notices have none: they are not something to opt out of)."""
    language = message.person.preferred_language if message.person else message.language
    with translation.override(language or None):
        links = {"context": {}, "headers": {}}
        if message.person is not None and not message.is_notice:
            links = unsubscribe_links(user_id=message.person.pk, scope=Scope.IMMEDIATE)
        send_templated_email(
            template=message.template,
            to=[message.email],
            context={**message.context, **links["context"]},
            headers=links["headers"],
        )
