"""API tokens expire API_TOKEN_LIFETIME_DAYS after they are made: after that the API answers
401 with a clear message, and the profile and token pages say when each expires."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.accounts.services_tokens import ACTIVE_TOKENS_MAX, api_token_create
from apps.roadmap.models import StatusUpdate
from tests.api.helpers import actions_url, updates_url, valid_update

TOKENS_URL = reverse("accounts:api_tokens")


def expire_in(token, delta: timedelta) -> None:
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() + delta)


def test_a_new_token_expires_after_the_lifetime_setting(member, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    before = timezone.now()

    token, _ = api_token_create(user=member, name="Script")

    assert before + timedelta(days=30) <= token.expires_at <= timezone.now() + timedelta(days=30)


def test_by_default_a_token_lasts_90_days(member):
    token, _ = api_token_create(user=member, name="Script")

    assert timedelta(days=89, hours=23) < token.expires_at - token.created_at <= timedelta(days=90)


def test_an_expired_token_gets_401_with_a_clear_message(token_client_for, lead, action):
    client = token_client_for(lead)
    ApiToken.objects.filter(pk=client.api_token.pk).update(
        expires_at=timezone.make_aware(timezone.datetime(2026, 3, 1, 9, 30))
    )

    response = client.post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "This token expired on March 1, 2026. Create a new one on your profile page.",
        "code": "authentication_failed",
        "fields": {},
    }
    assert response["WWW-Authenticate"] == "Bearer"
    assert not StatusUpdate.objects.exists()


@pytest.mark.parametrize(
    ("expires_in", "expected"),
    [(timedelta(seconds=30), 200), (timedelta(seconds=-1), 401), (timedelta(days=-400), 401)],
)
def test_a_token_works_until_its_expiry_and_not_after(token_client_for, member, action, expires_in, expected):
    client = token_client_for(member)
    expire_in(client.api_token, expires_in)

    assert client.get(actions_url()).status_code == expected


def test_an_expired_token_does_not_record_a_use(token_client_for, member, action):
    client = token_client_for(member)
    expire_in(client.api_token, timedelta(seconds=-1))

    client.get(actions_url())

    client.api_token.refresh_from_db()
    assert client.api_token.last_used_at is None


def test_the_expiry_message_comes_in_french(token_client_for, member, action):
    client = token_client_for(member)
    expire_in(client.api_token, timedelta(days=-1))

    response = client.get(actions_url(), HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 401
    assert response.json()["detail"].startswith("Ce jeton a expiré le ")


def test_token_page_shows_each_expiry_and_marks_expired_ones(client_for, member):
    current, _ = api_token_create(user=member, name="Reporting script")
    old, _ = api_token_create(user=member, name="Old laptop")
    expire_in(old, timedelta(days=-2))

    content = client_for(member).get(TOKENS_URL).content.decode()

    assert "Expires" in content
    assert "A token works for 90 days after it is created" in content
    rows = content.split("<tr>")
    current_row = next(row for row in rows if "Reporting script" in row)
    old_row = next(row for row in rows if "Old laptop" in row)
    assert "Expired" not in current_row
    assert "Expired" in old_row


def test_profile_page_says_when_each_token_expires(client_for, member, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    token, _ = api_token_create(user=member, name="Reporting script")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.make_aware(timezone.datetime(2031, 6, 15, 12, 0))
    )
    gone, _ = api_token_create(user=member, name="Old laptop")
    expire_in(gone, timedelta(days=-1))

    content = client_for(member).get(reverse("accounts:profile")).content.decode()

    assert "Each token expires 30 days after it is created" in content
    assert "Expires on June 15, 2031" in content
    assert "Old laptop" in content and "Expired" in content


def test_expired_tokens_free_their_name_and_their_place(member):
    for index in range(ACTIVE_TOKENS_MAX):
        token, _ = api_token_create(user=member, name=f"Script {index}")
        expire_in(token, timedelta(seconds=-1))

    api_token_create(user=member, name="Script 0")

    assert ApiToken.objects.usable().filter(user=member).count() == 1
