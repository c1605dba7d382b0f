"""A task published on commit travels through the real Redis to a real worker process."""

import time

import pytest

from apps.accounts.services import invitation_create
from tests.factories import OrganizationFactory


def wait_for_files(folder, *, count, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.iterdir())
        if len(files) >= count:
            return files
        time.sleep(0.2)
    return sorted(folder.iterdir())


@pytest.mark.redis
@pytest.mark.postgres
def test_invitation_email_is_sent_by_the_worker(celery_worker_process):
    organization = OrganizationFactory(name="Worker Test Batteries")

    invitation_create(
        organization=organization, email="new.colleague@example.ca", role="member", invited_by=None
    )

    files = wait_for_files(celery_worker_process, count=1)
    assert len(files) == 1
    message = files[0].read_text()
    assert "To: new.colleague@example.ca" in message
    assert "Worker Test Batteries" in message
