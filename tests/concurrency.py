"""Race two (or more) writes against a real database, each in its own thread and connection."""

import threading

from django.db import connection

from apps.core.errors import DomainError


def run_together(*calls, done="done", refused="refused", refusal=DomainError):
    """Release every call at the same moment; return the sorted outcomes: `done` for each call that
    returned, `refused` for each that raised `refusal`."""
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait(timeout=5)
            call()
            outcomes.append(done)
        except refusal:
            outcomes.append(refused)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return sorted(outcomes)
