import logging
import time

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# After the broker fails to answer, this process stops trying for a while: each try costs the
# person waiting on a page up to the publish timeouts (CELERY_BROKER_*), and what was not queued
# is not lost when it is in the outbox (the sweep delivers it).
PAUSE_AFTER_BROKER_FAILURE = 15  # seconds
_broker_paused_until = 0.0


def enqueue_on_commit(task, *args, **kwargs):
    """Queue `task` once the current transaction commits.

    Publishing is bounded (see CELERY_BROKER_* settings) and a dead broker never fails the write
    that scheduled the task: the error is logged instead.
    """

    def publish():
        global _broker_paused_until
        if time.monotonic() < _broker_paused_until:
            logger.warning("Not queuing %s: the broker was unreachable moments ago", task.name)
            return
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except OperationalError:
            _broker_paused_until = time.monotonic() + PAUSE_AFTER_BROKER_FAILURE
            logger.exception("Could not queue %s: the broker is unreachable", task.name)

    transaction.on_commit(publish)


def broker_pause_end() -> None:
    """Try the broker again at the next publish (tests that bring it back call this)."""
    global _broker_paused_until
    _broker_paused_until = 0.0
