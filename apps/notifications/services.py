from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from .models import Event, Frequency, NotificationPreference
from .unsubscribe import Scope


def event_record(*, kind: str, subject, actor=None, data: dict | None = None) -> Event:
    """Record an event in the caller's transaction (an outbox row): it exists exactly when the
    change it describes was committed. The commit wakes the worker that sends its e-mails; the
    periodic sweep delivers it anyway if that wake-up is lost."""
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


def _wake_the_worker() -> None:
    from apps.core.tasks import enqueue_on_commit

    from .tasks import deliver_events

    enqueue_on_commit(deliver_events)


@transaction.atomic
def preference_save(*, user, watched_areas, **choices) -> NotificationPreference:
    """Save what `user` chose on the preferences page (`choices`: the model's fields)."""
    if choices.get("covers_listings") and not watched_areas:
        raise DomainError(
            _("Choose at least one technology area to watch, or untick new patent listings."),
            field="watched_areas",
        )
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    for name, value in choices.items():
        setattr(preference, name, value)
    preference.save()
    preference.watched_areas.set(watched_areas)
    return preference


@transaction.atomic
def unsubscribe(*, user, scope: str, frequency: str = Frequency.NEVER) -> NotificationPreference:
    """Stop one kind of mail (or, for the digest, make it less frequent). Nothing else changes."""
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    if scope == Scope.IMMEDIATE:
        preference.immediate_email = False
        preference.save(update_fields=["immediate_email", "updated_at"])
    else:
        preference.digest_frequency = frequency
        preference.save(update_fields=["digest_frequency", "updated_at"])
    return preference
