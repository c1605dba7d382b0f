"""A worker killed in the middle of sending digests loses nothing: what it had sent stays sent,
what it held goes out once its lease runs out, through another worker."""

import asyncio
import signal
import time

import pytest
from aiosmtpd.controller import Controller

from apps.notifications.models import Digest
from apps.notifications.tasks import deliver_notifications, send_digests
from tests.notifications.digest_support import days_ago, group_readers
from tests.notifications.test_smtp_delivery import free_port
from tests.roadmap.factories import StatusUpdateFactory


class SlowMailServer:
    """Takes a quarter of a second per message, so the test can kill the worker mid-run."""

    def __init__(self):
        self.recipients = []

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.25)
        self.recipients.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def wait_until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.redis
@pytest.mark.postgres
def test_a_killed_worker_loses_no_digest(celery_workers, action, group, organization):
    readers = group_readers(20, group=group, organization=organization)
    StatusUpdateFactory(action=action, created_at=days_ago(1))
    server = SlowMailServer()
    controller = Controller(server, hostname="127.0.0.1", port=free_port())
    controller.start()
    smtp = f"smtp://127.0.0.1:{controller.port}"
    try:
        first = celery_workers(smtp)
        send_digests.delay("weekly")
        assert wait_until(lambda: len(server.recipients) >= 3)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        sent_before_the_kill = set(server.recipients)
        assert Digest.objects.filter(status=Digest.Status.SENDING).exists()

        # Time passes: the dead worker's lease runs out, and the sweep runs on another worker.
        Digest.objects.filter(status=Digest.Status.SENDING).update(claimed_until=days_ago(1))
        celery_workers(smtp)
        deliver_notifications.delay()
        everyone = {reader.email for reader in readers}
        unfinished = Digest.objects.exclude(status__in=[Digest.Status.SENT, Digest.Status.EMPTY])
        # Every reader has mail, and the worker has recorded the last one it sent.
        assert wait_until(lambda: everyone <= set(server.recipients) and not unfinished.exists())
    finally:
        controller.stop()

    repeated = [address for address in everyone if server.recipients.count(address) > 1]
    # Only the digest in flight at the kill (accepted by the server, not yet recorded) may repeat.
    assert len(repeated) <= 1
    assert sent_before_the_kill < set(server.recipients)
