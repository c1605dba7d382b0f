from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import Event


def event_record(*, kind: str, subject, actor=None, data: dict | None = None) -> Event:
    """Record an event in the caller's transaction (an outbox row): it exists exactly when the
    change it describes was committed."""
    assert transaction.get_connection().in_atomic_block, "record events inside the change's transaction"
    return Event.objects.create(
        kind=kind,
        actor=actor,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        data=data or {},
    )
