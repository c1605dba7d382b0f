"""“Confirm it's you”: creating an API token needs the password typed in the last
RECENT_AUTHENTICATION_MINUTES (at sign-in or on the confirmation page), and the page brings the
person back to where they were going."""

import time

import pytest
from django.urls import reverse

from apps.accounts.models import ApiToken
from apps.accounts.recent_authentication import SESSION_KEY
from tests.accounts.conftest import SIGN_IN_URL, sign_in_redirect

pytestmark = pytest.mark.django_db

CONFIRM_URL = reverse("accounts:confirm_identity")
TOKENS_URL = reverse("accounts:api_tokens")


def confirm_url(next_url: str) -> str:
    return f"{CONFIRM_URL}?next={next_url.replace('/', '%2F')}"


def confirmed_minutes_ago(client, minutes: float) -> None:
    session = client.session
    session[SESSION_KEY] = time.time() - minutes * 60
    session.save()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("member", 200),
        ("contact", 200),
        ("lead", 200),
        ("outsider", 200),
        ("suspended_member", 200),
        ("staff", 200),
    ],
)
def test_confirmation_page_role_table(request, client_for, role, expected):
    person = None if role == "anonymous" else request.getfixturevalue(role)

    response = client_for(person).get(CONFIRM_URL)

    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"] == sign_in_redirect(CONFIRM_URL)
    else:
        assert "Confirm it's you" in response.content.decode()


def test_a_session_without_a_fresh_password_cannot_create_a_token(client_for, member):
    response = client_for(member).post(TOKENS_URL, {"name": "Reporting script"})

    assert response.status_code == 302
    assert response["Location"] == confirm_url(TOKENS_URL)
    assert not ApiToken.objects.exists()


def test_token_page_offers_to_confirm_instead_of_the_form(client_for, member):
    content = client_for(member).get(TOKENS_URL).content.decode()

    assert f'href="{confirm_url(TOKENS_URL)}"' in content
    assert f'action="{TOKENS_URL}"' not in content


def test_confirming_brings_the_person_back_and_lets_them_create(client_for, member, password):
    client = client_for(member)

    response = client.post(CONFIRM_URL, {"password": password, "next": TOKENS_URL})

    assert response.status_code == 302
    assert response["Location"] == TOKENS_URL
    assert f'action="{TOKENS_URL}"' in client.get(TOKENS_URL).content.decode()
    assert client.post(TOKENS_URL, {"name": "Reporting script"}).status_code == 201
    assert ApiToken.objects.filter(user=member).count() == 1


def test_a_wrong_password_is_refused_and_confirms_nothing(client_for, member):
    client = client_for(member)

    response = client.post(CONFIRM_URL, {"password": "not-my-password", "next": TOKENS_URL})

    assert response.status_code == 400
    assert "That is not your password. Try again." in response.content.decode()
    assert SESSION_KEY not in client.session
    assert client.post(TOKENS_URL, {"name": "Reporting script"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_an_empty_password_gets_a_field_message(client_for, member):
    response = client_for(member).post(CONFIRM_URL, {"password": ""})

    assert response.status_code == 400
    assert "Type your password." in response.content.decode()


def test_only_the_signed_in_persons_password_confirms(client_for, member, contact, password):
    member.set_password("members-own-password-123")
    member.save()
    client = client_for(member)

    response = client.post(CONFIRM_URL, {"password": password})  # Carla's, not Mo's

    assert response.status_code == 400
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("next_url", ["https://evil.example/steal", "//evil.example/", ""])
def test_an_outside_or_missing_next_lands_on_the_profile(client_for, member, password, next_url):
    response = client_for(member).post(CONFIRM_URL, {"password": password, "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")


def test_signing_in_counts_as_a_fresh_password(client, member, password):
    client.post(SIGN_IN_URL, {"username": member.email, "password": password})

    response = client.post(TOKENS_URL, {"name": "Reporting script"})

    assert response.status_code == 201


@pytest.mark.parametrize(("minutes_ago", "expected"), [(14.9, 201), (15.1, 302), (60 * 24, 302)])
def test_a_confirmation_lasts_fifteen_minutes(client_for, member, minutes_ago, expected):
    client = client_for(member)
    confirmed_minutes_ago(client, minutes_ago)

    response = client.post(TOKENS_URL, {"name": "Reporting script"})

    assert response.status_code == expected
    assert ApiToken.objects.exists() == (expected == 201)


def test_the_length_of_a_confirmation_is_a_setting(client_for, member, settings):
    settings.RECENT_AUTHENTICATION_MINUTES = 5
    client = client_for(member)
    confirmed_minutes_ago(client, 6)

    assert client.post(TOKENS_URL, {"name": "Reporting script"}).status_code == 302


def test_wrong_passwords_on_the_confirmation_page_count_towards_the_lockout(
    client, client_for, member, password, settings
):
    confirming = client_for(member)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        confirming.post(CONFIRM_URL, {"password": "guess"})

    sign_in = client.post(SIGN_IN_URL, {"username": member.email, "password": password})

    assert sign_in.status_code == 429
    assert confirming.post(CONFIRM_URL, {"password": password}).status_code == 429
    assert SESSION_KEY not in confirming.session


def test_the_confirmation_page_speaks_french(client_for, member):
    response = client_for(member).get(reverse("accounts:confirm_identity").replace("/en/", "/fr/", 1))

    assert response.status_code == 200
    assert "Confirmez votre identité" in response.content.decode()
