"""Password spraying: a few guesses at many accounts from one client address are limited per
address, over the cool-off, without locking any member out for longer than that."""

import time

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.accounts.conftest import SIGN_IN_URL
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "definitely-not-the-password"
SPRAYER = "198.51.100.7"
COLLEAGUE = "198.51.100.8"


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.SIGN_IN_FAILURES_PER_CLIENT = 6


def sign_in(client, email, password, *, address=SPRAYER, **headers):
    return client.post(SIGN_IN_URL, {"username": email, "password": password}, REMOTE_ADDR=address, **headers)


def spray(client, *, accounts, address=SPRAYER, **headers):
    """Two wrong guesses at each account, from one address: no account reaches its own lock."""
    return [
        sign_in(client, email, WRONG_PASSWORD, address=address, **headers)
        for email in accounts
        for _ in range(2)
    ]


@pytest.fixture
def accounts(db):
    return [UserFactory(email=f"target{index}@example.ca").email for index in range(3)]


def test_failures_across_accounts_from_one_address_stop_further_sign_ins_from_it(
    client, accounts, member, password
):
    responses = spray(client, accounts=accounts)

    assert [response.status_code for response in responses] == [400] * 6
    refused = sign_in(client, member.email, password)
    assert refused.status_code == 429
    content = refused.content.decode()
    assert "Too many failed sign-ins from your network" in content
    assert "You can try again in" in content
    assert reverse("accounts:password_reset") in content
    assert int(refused["Retry-After"]) <= 15 * 60
    assert not Session.objects.exists()


def test_refused_attempts_are_not_counted_against_the_account(client, accounts, member, password):
    spray(client, accounts=accounts)

    sign_in(client, member.email, WRONG_PASSWORD)

    assert not AccessAttempt.objects.filter(username=member.email).exists()


def test_accounts_sprayed_at_stay_open_from_other_addresses(client, accounts, password):
    spray(client, accounts=accounts)

    response = sign_in(client, accounts[0], password, address=COLLEAGUE)

    assert response.status_code == 302
    assert Session.objects.count() == 1


def test_failures_under_the_address_limit_do_not_refuse_the_address(client, accounts, member, password):
    spray(client, accounts=accounts[:2])

    response = sign_in(client, member.email, password)

    assert response.status_code == 302


def test_address_refusal_ends_with_the_cool_off(client, accounts, member, password, monkeypatch):
    spray(client, accounts=accounts)
    cool_off_later = time.time() + 15 * 60
    monkeypatch.setattr(time, "time", lambda: cool_off_later)

    response = sign_in(client, member.email, password)

    assert response.status_code == 302


def test_forged_forwarded_for_does_not_escape_the_address_limit(client, accounts, member, password):
    for index, email in enumerate(accounts * 2):
        sign_in(client, email, WRONG_PASSWORD, HTTP_X_FORWARDED_FOR=f"10.0.0.{index}")

    response = sign_in(client, member.email, password, HTTP_X_FORWARDED_FOR="10.0.0.99")

    assert response.status_code == 429


def test_forged_forwarded_for_cannot_get_someone_else_refused(client, accounts, member, password):
    spray(client, accounts=accounts, HTTP_X_FORWARDED_FOR=COLLEAGUE)

    response = sign_in(client, member.email, password, address=COLLEAGUE)

    assert response.status_code == 302


def test_behind_a_trusted_proxy_the_address_it_reports_is_limited(
    client, settings, accounts, member, password
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.1.1.1"
    spray(client, accounts=accounts, address=proxy, HTTP_X_FORWARDED_FOR=f"203.0.113.1, {SPRAYER}")

    refused = sign_in(client, member.email, password, address=proxy, HTTP_X_FORWARDED_FOR=SPRAYER)
    colleague = sign_in(
        client, member.email, password, address=proxy, HTTP_X_FORWARDED_FOR=f"{SPRAYER}, {COLLEAGUE}"
    )

    assert refused.status_code == 429
    assert colleague.status_code == 302
