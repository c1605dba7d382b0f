"""The notification tasks. Each is idempotent: a retry, a second worker or a redelivered message
finds the work already claimed or recorded and sends nothing twice.

Celery settings (alliance/settings.py) acknowledge late, hand a task back when its worker dies
and prefetch one message, so a worker killed mid-run loses nothing.
"""

from celery import shared_task

from .delivery import events_deliver
from .digests.sending import digests_deliver, digests_plan
from .reminders import reminders_record

RETRY = {"autoretry_for": (OSError,), "retry_backoff": 30, "retry_backoff_max": 1800, "max_retries": 8}


@shared_task(**RETRY)
def deliver_events() -> int:
    """Woken after each commit that records events: sends their immediate e-mails."""
    return events_deliver()


@shared_task(**RETRY)
def deliver_notifications() -> int:
    """Beat's sweep, every minute: the events whose wake-up was lost, and the digests whose
    retry is due."""
    handled = events_deliver()
    digests_deliver()
    return handled


@shared_task(bind=True, **RETRY)
def send_digests(self, frequency: str) -> dict:
    """Beat runs this daily at 07:00 and weekly on Monday (America/Toronto)."""
    digests_plan(frequency=frequency)
    result = digests_deliver()
    if result.failed:
        # Only the failed digests are still waiting: the retry sends theirs and nobody else's.
        raise self.retry(countdown=min(60 * 2**self.request.retries, 3600), max_retries=5)
    return result.__dict__


@shared_task(**RETRY)
def record_reminders() -> int:
    """Daily, before the digests: update reminders and renewal notices."""
    return reminders_record()
