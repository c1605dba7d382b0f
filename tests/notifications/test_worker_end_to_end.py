"""In CI, through the real Redis to a real Celery worker: a lead posts a status update, the worker
sends its owner the immediate e-mail, and the next digest of a group member holds the update."""

import email
import time
from email import policy

import pytest

from apps.notifications.tasks import send_digests
from apps.roadmap.services import status_update_post
from tests.factories import GroupMembershipFactory


def wait_for_messages(folder, *, count, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.iterdir())
        if len(files) >= count:
            break
        time.sleep(0.2)
    messages = []
    for path in sorted(folder.iterdir()):
        # The file backend writes each message followed by a line of dashes.
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                messages.append(email.message_from_bytes(raw, policy=policy.default))
    return messages


def addressed_to(messages, address):
    return [message for message in messages if message["To"] == address]


@pytest.mark.redis
@pytest.mark.postgres
def test_a_status_update_travels_to_the_owner_at_once_and_into_the_next_digest(
    celery_worker_process, action, lead, owner, member, group
):
    GroupMembershipFactory(group=group, user=member)

    status_update_post(
        action=action,
        author=lead,
        version=action.version,
        status="at_risk",
        percent_done=35,
        summary="The second funding call slipped to spring.",
    )

    messages = wait_for_messages(celery_worker_process, count=1)
    (immediate,) = addressed_to(messages, owner.email)
    assert immediate["Subject"] == "FIN-1 updated: At risk"
    assert "The second funding call slipped to spring." in immediate.get_body(("plain",)).get_content()

    send_digests.delay("weekly")

    messages = wait_for_messages(celery_worker_process, count=2)
    (digest,) = addressed_to(messages, member.email)
    assert digest["Subject"] == "Your weekly alliance digest: 1 item"
    assert "FIN-1 Align and focus existing funding mechanisms: Not started (0 %) -> At risk (35 %)" in (
        digest.get_body(("plain",)).get_content()
    )
    owner_subjects = sorted(message["Subject"] for message in addressed_to(messages, owner.email))
    assert owner_subjects == ["FIN-1 updated: At risk", "Your weekly alliance digest: 1 item"]
