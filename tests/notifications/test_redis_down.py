"""Redis stopped: every write still succeeds within a couple of seconds and raises nothing; the
events wait in the database, and once Redis is back every one is delivered exactly once."""

import socket
import time
from contextlib import contextmanager

import pytest

from alliance.celery import app as celery_app
from apps.core.models import Event
from apps.core.tasks import broker_pause_end
from apps.notifications.tasks import deliver_notifications
from apps.roadmap.services import status_update_post
from apps.working_groups.services import join_request_create
from tests.factories import MembershipFactory, UserFactory
from tests.notifications.test_worker_end_to_end import addressed_to, wait_for_messages


@contextmanager
def silent_broker():
    """A "Redis" that accepts connections and never answers: the worst case, where publishing
    would block without the timeouts of the settings."""
    with socket.socket() as black_hole:
        black_hole.bind(("127.0.0.1", 0))
        black_hole.listen(16)
        with broker_at(f"redis://127.0.0.1:{black_hole.getsockname()[1]}/0"):
            yield


@contextmanager
def broker_at(url):
    previous = celery_app.conf.broker_url
    _switch_broker(url)
    try:
        yield
    finally:
        _switch_broker(previous)
        broker_pause_end()


def _switch_broker(url):
    # New connections go to `url`; kombu keeps each address's pool, so switching back reuses
    # the real Redis's pool as it was.
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def timed(write):
    started = time.monotonic()
    write()
    return time.monotonic() - started


@pytest.mark.redis
@pytest.mark.postgres
def test_writes_succeed_while_redis_is_down_and_go_out_once_it_is_back(
    celery_worker_process, action, lead, owner, group, organization
):
    newcomer = UserFactory(email="newcomer@example.ca")
    MembershipFactory(user=newcomer, organization=organization)

    with silent_broker():
        durations = [
            timed(
                lambda: status_update_post(
                    action=action,
                    author=lead,
                    version=action.version,
                    status="on_track",
                    percent_done=15,
                    summary="Mapped the federal programs.",
                )
            ),
            timed(lambda: join_request_create(group=group, user=newcomer, message="Count me in.")),
        ]

    print(f"writes with a silent broker took {durations} s")
    assert all(duration < 5 for duration in durations), durations
    assert durations[1] < 0.5  # the first failure spares the next writes the wait
    assert Event.objects.filter(processed_at__isnull=True).count() == 2
    assert list(celery_worker_process.iterdir()) == []

    deliver_notifications.delay()  # what the beat sweep does every minute
    messages = wait_for_messages(celery_worker_process, count=2)
    deliver_notifications.delay()
    deliver_notifications.delay()
    time.sleep(2)
    messages = wait_for_messages(celery_worker_process, count=2)

    assert [message["Subject"] for message in addressed_to(messages, owner.email)] == [
        "FIN-1 updated: On track"
    ]
    assert len(addressed_to(messages, lead.email)) == 1  # the join request
    assert len(messages) == 2
    assert not Event.objects.filter(processed_at__isnull=True).exists()
