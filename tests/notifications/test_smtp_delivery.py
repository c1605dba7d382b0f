"""A digest through a real SMTP server (aiosmtpd, started by the test): what arrives is one
multipart message with a subject, a plain-text and an HTML part, and RFC 8058 headers."""

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

from apps.roadmap.models import Status
from tests.factories import GroupMembershipFactory
from tests.notifications.digest_support import days_ago, send_weekly_digests
from tests.roadmap.factories import StatusUpdateFactory


class Mailbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield mailbox
    controller.stop()


def test_the_digest_arrives_whole_through_smtp(smtp_server, action, lead, member, group):
    GroupMembershipFactory(group=group, user=member)
    StatusUpdateFactory(action=action, author=lead, status=Status.AT_RISK, created_at=days_ago(1))

    send_weekly_digests()

    (envelope,) = [e for e in smtp_server.envelopes if e.rcpt_tos == [member.email]]
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert message["Subject"] == "Your weekly alliance digest: 1 item"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Not started (0 %) -> At risk (30 %)" in text
    assert "<strong>At risk</strong>" in html
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = str(message["List-Unsubscribe"]).strip()  # long headers are folded
    assert unsubscribe.startswith("<http") and "/en/notifications/unsubscribe/" in unsubscribe
    assert unsubscribe.strip("<>") in text and unsubscribe.strip("<>") in html
    assert message["Content-Language"] == "en-CA"
