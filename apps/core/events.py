"""Recording events: the outbox every domain app writes to, on the ground floor.

A domain service records what happened in its own transaction and knows nothing of who hears
about it. The commit wakes the task named by the OUTBOX_WAKE_UP_TASK setting (the notifications
app's delivery); its periodic sweep delivers the event anyway if that wake-up is lost.
"""

from functools import cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.module_loading import import_string

from .models import Event
from .tasks import enqueue_on_commit


def event_record(*, kind: str, subject, actor=None, data: dict | None = None) -> Event:
    """Record an event in the caller's transaction: it exists exactly when the change it
    describes was committed."""
    # A programming error caught by the test suite, not a check on input: an assert is enough.
    assert transaction.get_connection().in_atomic_block, "record events inside the change's transaction"  # noqa: S101
    event = Event.objects.create(
        kind=kind,
        actor=actor,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        data=data or {},
    )
    _wake_the_worker()
    return event


def event_record_once(*, kind: str, subject, dedup_key: str, data: dict | None = None) -> bool:
    """Record a reminder-like event unless one with `dedup_key` exists; True when recorded."""
    try:
        with transaction.atomic():
            Event.objects.create(
                kind=kind,
                subject_type=ContentType.objects.get_for_model(subject),
                subject_id=subject.pk,
                data=data or {},
                dedup_key=dedup_key,
            )
    except IntegrityError:
        return False
    _wake_the_worker()
    return True


@cache
def _wake_up_task():
    return import_string(settings.OUTBOX_WAKE_UP_TASK)


def _wake_the_worker() -> None:
    enqueue_on_commit(_wake_up_task())
