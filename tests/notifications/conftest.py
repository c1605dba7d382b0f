"""Fixtures of the notification tests: the roadmap's FIN-1 (owned by `group`, led by `lead`, with
`owner` as its owner person), and helpers to read what was sent."""

import pytest
from django.core import mail

from tests.roadmap.conftest import action, area, owner, pillar  # noqa: F401


@pytest.fixture
def sent_to():
    """`sent_to()`: the recipients of the e-mails sent so far, one address per e-mail."""

    def recipients():
        return [address for message in mail.outbox for address in message.to]

    return recipients


def html_part(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html
