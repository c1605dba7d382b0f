"""Redis stopped: every write still succeeds within a couple of seconds and raises nothing; the
events wait in the database, and once Redis is back every one is delivered exactly once. That
includes the e-mails with a secret link (invitations, password resets), whose links are made
when they are sent: nothing secret ever reaches the broker."""

import base64
import json
import re
import socket
import time
import uuid
from contextlib import contextmanager

import pytest
import redis
from django.core import mail
from django.urls import reverse

from alliance.celery import app as celery_app
from apps.accounts.services import invitation_create
from apps.core.models import Event
from apps.core.tasks import broker_pause_end
from apps.notifications.delivery import events_deliver
from apps.notifications.tasks import deliver_events, deliver_notifications
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


def link_in(message, pattern):
    return re.search(pattern, message.get_body(("plain",)).get_content()).group(0)


@pytest.mark.redis
@pytest.mark.postgres
def test_an_invitation_made_while_redis_is_down_waits_and_goes_out_once_it_is_back(
    celery_worker_process, client_for, organization, contact
):
    people_page = reverse("organizations:people", kwargs={"slug": organization.slug})

    with silent_broker():
        invitation = invitation_create(
            organization=organization, email="nina@example.ca", role="member", invited_by=contact
        )

    invitation.refresh_from_db()
    assert invitation.sent_at is None
    assert "E-mail waiting to be sent" in client_for(contact).get(people_page).content.decode()

    deliver_notifications.delay()  # what the beat sweep does every minute
    (message,) = wait_for_messages(celery_worker_process, count=1)

    assert message["To"] == "nina@example.ca"
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    html = client_for(contact).get(people_page).content.decode()
    assert "E-mail sent" in html and "E-mail waiting to be sent" not in html
    accept_path = link_in(message, r"/en/accounts/invitations/\S+/")
    assert client_for(None).get(accept_path).status_code == 200


@pytest.mark.redis
@pytest.mark.postgres
def test_a_password_reset_asked_while_redis_is_down_arrives_once_it_is_back_and_works(
    celery_worker_process, client, member
):
    with silent_broker():
        response = client.post(reverse("accounts:password_reset"), {"email": member.email})
    assert response.status_code == 302
    assert list(celery_worker_process.iterdir()) == []

    deliver_notifications.delay()
    (message,) = wait_for_messages(celery_worker_process, count=1)

    form_page = client.get(link_in(message, r"/en/accounts/password/reset/\S+/"), follow=True)
    new_password = "lithium-iron-phosphate-2035"
    choose_url = form_page.redirect_chain[-1][0]
    client.post(choose_url, {"new_password1": new_password, "new_password2": new_password})
    member.refresh_from_db()
    assert member.check_password(new_password)


@pytest.mark.redis
def test_what_reaches_the_broker_carries_no_secret(
    redis_url, organization, contact, member, client, django_capture_on_commit_callbacks
):
    """The wake-ups published for an invitation and a password reset name no token: the worker
    makes the links when it sends the e-mails."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    broker = redis.Redis.from_url(redis_url)
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = False, queue
    try:
        with django_capture_on_commit_callbacks(execute=True):
            invitation_create(
                organization=organization, email="nina@example.ca", role="member", invited_by=contact
            )
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("accounts:password_reset"), {"email": member.email})
        published = [json.loads(raw) for raw in broker.lrange(queue, 0, -1)]
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        broker.delete(queue)

    assert [message["headers"]["task"] for message in published] == [deliver_events.name] * 2
    for message in published:
        args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        assert (args, kwargs) == ([], {})
    assert [event.data for event in Event.objects.order_by("pk")] == [{"sending": 1}, {}]

    events_deliver()  # now the links exist, and none of them was in the broker or the outbox
    tokens = [re.search(r"/(?:invitations|reset/\w+)/([^/\s]+)/", m.body).group(1) for m in mail.outbox]
    assert len(tokens) == 2
    for token in tokens:
        assert not any(token in json.dumps(message) for message in published)
