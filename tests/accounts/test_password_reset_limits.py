"""Each reset request sends an e-mail: limited per client address and per address asked for."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

RESET_URL = reverse("accounts:password_reset")
HERE = "198.51.100.30"


@pytest.fixture(autouse=True)
def _roomy_limits(settings):
    settings.PASSWORD_RESET_RATE_PER_CLIENT = "100/h"
    settings.PASSWORD_RESET_RATE_PER_EMAIL = "100/h"


def ask_for_reset(client, email, *, address=HERE, **headers):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address, **headers)


def test_reset_requests_over_the_limit_per_address_asked_for_are_refused(
    client, settings, member, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_RATE_PER_EMAIL = "2/h"
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_reset(client, member.email, address="198.51.100.1")
        ask_for_reset(client, member.email.upper(), address="198.51.100.2")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        refused = ask_for_reset(client, f" {member.email} ", address="198.51.100.3")

    assert refused.status_code == 429
    content = refused.content.decode()
    assert "Please wait a little" in content
    assert "There have been too many requests for a password reset link" in content
    assert "You can try again in" in content
    assert mail.outbox == []


def test_reset_requests_over_the_limit_per_client_are_refused_whatever_the_address(
    client, settings, member, contact, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_RATE_PER_CLIENT = "2/h"
    ask_for_reset(client, "nobody@example.ca")
    ask_for_reset(client, contact.email)

    with django_capture_on_commit_callbacks(execute=True):
        refused = ask_for_reset(client, member.email, HTTP_X_FORWARDED_FOR="10.9.9.9")

    assert refused.status_code == 429
    assert mail.outbox == []


def test_refusal_does_not_reveal_whether_the_address_has_an_account(client, settings, member):
    settings.PASSWORD_RESET_RATE_PER_EMAIL = "1/h"
    ask_for_reset(client, member.email)
    ask_for_reset(client, "nobody@example.ca")

    for_member = ask_for_reset(client, member.email)
    for_nobody = ask_for_reset(client, "nobody@example.ca")

    assert for_member.status_code == for_nobody.status_code == 429
    assert for_member.context["message"] == for_nobody.context["message"]


def test_reset_under_the_limits_still_sends_the_link(client, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_reset(client, member.email)

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[member.email]]
