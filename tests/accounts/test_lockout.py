"""Repeated failed sign-ins lock the account for a cool-off period (django-axes), never for good."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.accounts.conftest import SIGN_IN_URL

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "definitely-not-the-password"


def fail_to_sign_in(client, email, times):
    return [client.post(SIGN_IN_URL, {"username": email, "password": WRONG_PASSWORD}) for _ in range(times)]


def test_four_failures_do_not_lock_the_account(client, member, password):
    responses = fail_to_sign_in(client, member.email, 4)

    assert [response.status_code for response in responses] == [400] * 4
    response = client.post(SIGN_IN_URL, {"username": member.email, "password": password})
    assert response.status_code == 302


def test_fifth_failure_locks_the_account_with_a_clear_page(client, member):
    responses = fail_to_sign_in(client, member.email, 5)

    locked = responses[-1]
    assert locked.status_code == 429
    content = locked.content.decode()
    assert "This account is locked for a while" in content
    assert "There were 5 failed sign-ins in a row" in content
    assert "You can try again in 15 minutes" in content
    assert reverse("accounts:password_reset") in content


def test_locked_account_refuses_even_the_right_password(client, member, password):
    fail_to_sign_in(client, member.email, 5)

    response = client.post(SIGN_IN_URL, {"username": member.email, "password": password})

    assert response.status_code == 429
    assert "This account is locked for a while" in response.content.decode()
    assert not Session.objects.exists()


def test_lockout_counts_the_address_in_any_case(client, member, password):
    for email in [
        "MO@northern-cells.ca",
        "mo@NORTHERN-cells.ca",
        "Mo@Northern-Cells.ca",
        "mo@northern-cells.ca",
    ]:
        fail_to_sign_in(client, email, 1)
    fail_to_sign_in(client, member.email.upper(), 1)

    response = client.post(SIGN_IN_URL, {"username": member.email, "password": password})

    assert response.status_code == 429


def test_lockout_of_one_account_leaves_another_account_alone(client, member, contact, password):
    fail_to_sign_in(client, member.email, 5)

    response = client.post(SIGN_IN_URL, {"username": contact.email, "password": password})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_sign_in_works_again_after_the_cool_off(client, member, password):
    fail_to_sign_in(client, member.email, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    response = client.post(SIGN_IN_URL, {"username": member.email, "password": password})

    assert response.status_code == 302
    assert Session.objects.count() == 1
    assert not AccessAttempt.objects.exists()


def test_still_locked_just_before_the_cool_off_ends(client, member, password):
    fail_to_sign_in(client, member.email, 5)
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=14)
    )

    response = client.post(SIGN_IN_URL, {"username": member.email, "password": password})

    assert response.status_code == 429


def minutes_pass(minutes):
    attempt = AccessAttempt.objects.get()
    AccessAttempt.objects.update(attempt_time=attempt.attempt_time - timedelta(minutes=minutes))


def test_attempts_during_a_lock_do_not_make_it_last_longer(client, member, password):
    """Nobody can keep a member out longer than the cool-off by trying again and again."""
    fail_to_sign_in(client, member.email, 5)
    minutes_pass(10)
    [during_the_lock] = fail_to_sign_in(client, member.email, 1)
    minutes_pass(6)

    response = client.post(SIGN_IN_URL, {"username": member.email, "password": password})

    assert during_the_lock.status_code == 429
    assert response.status_code == 302
    assert Session.objects.count() == 1


def test_lock_page_says_attempts_do_not_extend_the_wait(client, member):
    locked = fail_to_sign_in(client, member.email, 5)[-1]

    content = locked.content.decode()
    assert "Attempts while the account is locked are refused and do not extend the wait." in content
    assert "starts the wait again" not in content
