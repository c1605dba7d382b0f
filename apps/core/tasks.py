import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, **kwargs):
    """Queue `task` once the current transaction commits.

    Publishing is bounded (see CELERY_BROKER_* settings) and a dead broker never fails the write
    that scheduled the task: the error is logged instead.
    """

    def publish():
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except OperationalError:
            logger.exception("Could not queue %s: the broker is unreachable", task.name)

    transaction.on_commit(publish)
