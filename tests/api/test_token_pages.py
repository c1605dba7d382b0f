"""The profile's API token page: a person creates named tokens (each shown once), sees them
(name, first characters, created, last used) and revokes them."""

import pytest
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import ApiToken, hash_token
from apps.accounts.services_tokens import ACTIVE_TOKENS_MAX, api_token_create

TOKENS_URL = reverse("accounts:api_tokens")


def revoke_url(token) -> str:
    return reverse("accounts:api_token_revoke", kwargs={"token_id": token.pk})


def sign_in_redirect(url: str) -> str:
    return redirect_to_login(url)["Location"]


def test_anonymous_is_sent_to_sign_in(client_for):
    response = client_for(None).get(TOKENS_URL)

    assert response.status_code == 302
    assert response["Location"] == sign_in_redirect(TOKENS_URL)


def test_anonymous_cannot_create_a_token(db, client_for):
    response = client_for(None).post(TOKENS_URL, {"name": "script"})

    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_profile_page_links_to_the_token_page(client_for, member):
    response = client_for(member).get(reverse("accounts:profile"))

    assert TOKENS_URL in response.content.decode()


def test_member_creates_a_token_shown_once(confirmed_client_for, member):
    client = confirmed_client_for(member)

    response = client.post(TOKENS_URL, {"name": "  Quarterly   report "})

    assert response.status_code == 201
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.revoked_at) == (member, "Quarterly report", None)
    content = response.content.decode()
    raw_token = content.split('id="new-token" type="text" value="')[1].split('"')[0]
    assert hash_token(raw_token) == token.key_hash
    assert token.prefix == raw_token[:8]
    assert "Token “Quarterly report” created. Copy it now: it will not be shown again." in content
    assert "no-store" in response["Cache-Control"]
    assert raw_token not in client.get(TOKENS_URL).content.decode()


def test_page_lists_own_active_tokens_with_their_details(client_for, member, outsider):
    mine, _ = api_token_create(user=member, name="Reporting script")
    used, _ = api_token_create(user=member, name="Dashboard sync")
    ApiToken.objects.filter(pk=used.pk).update(last_used_at=timezone.now())
    revoked, _ = api_token_create(user=member, name="Old laptop")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    api_token_create(user=outsider, name="Someone else's")

    response = client_for(member).get(TOKENS_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Reporting script" in content
    assert f"{mine.prefix}…" in content
    assert "Dashboard sync" in content
    assert "Never" in content
    assert "Old laptop" not in content
    assert "Someone else" not in content
    assert revoke_url(mine) in content


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Name the token after what will use it."),
        ("   ", "Name the token after what will use it."),
        ("x" * 101, "Ensure this value has at most 100 characters (it has 101)."),
        ("reporting SCRIPT", "You already have a token named “reporting SCRIPT”. Choose another name."),
    ],
)
def test_bad_name_gets_400_and_creates_nothing(confirmed_client_for, member, name, message):
    api_token_create(user=member, name="Reporting script")

    response = confirmed_client_for(member).post(TOKENS_URL, {"name": name})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert ApiToken.objects.count() == 1
    assert 'id="new-token"' not in response.content.decode()


def test_a_revoked_tokens_name_can_be_used_again(confirmed_client_for, member):
    old, _ = api_token_create(user=member, name="Reporting script")
    ApiToken.objects.filter(pk=old.pk).update(revoked_at=timezone.now())

    response = confirmed_client_for(member).post(TOKENS_URL, {"name": "Reporting script"})

    assert response.status_code == 201
    assert ApiToken.objects.filter(name="Reporting script").count() == 2


def test_too_many_active_tokens_gets_400(confirmed_client_for, member):
    for index in range(ACTIVE_TOKENS_MAX):
        api_token_create(user=member, name=f"Script {index}")

    response = confirmed_client_for(member).post(TOKENS_URL, {"name": "One more"})

    assert response.status_code == 400
    assert "You have 20 tokens already. Revoke one you no longer use first." in response.content.decode()
    assert ApiToken.objects.count() == ACTIVE_TOKENS_MAX


def test_person_of_suspended_organization_sees_and_revokes_but_cannot_create(client_for, suspended_member):
    token, _ = api_token_create(user=suspended_member, name="Old script")
    client = client_for(suspended_member)

    page = client.get(TOKENS_URL)
    create = client.post(TOKENS_URL, {"name": "New script"})
    revoke = client.post(revoke_url(token))

    assert page.status_code == 200
    assert "Old script" in page.content.decode()
    assert 'action="' + TOKENS_URL + '"' not in page.content.decode()
    assert create.status_code == 403
    assert revoke.status_code == 302
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["Old script"]
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_owner_revokes_a_token(client_for, member):
    token, _ = api_token_create(user=member, name="Reporting script")
    client = client_for(member)

    response = client.post(revoke_url(token))

    assert response.status_code == 302
    assert response["Location"] == TOKENS_URL
    token.refresh_from_db()
    assert token.revoked_at is not None
    page = client.get(TOKENS_URL).content.decode()
    assert "Token “Reporting script” revoked. Scripts using it stop working now." in page


def test_revoking_needs_a_post(client_for, member):
    token, _ = api_token_create(user=member, name="Reporting script")

    response = client_for(member).get(revoke_url(token))

    assert response.status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("role", ["outsider", "staff", "contact"])
def test_nobody_else_revokes_a_persons_token(request, client_for, member, role):
    token, _ = api_token_create(user=member, name="Reporting script")

    response = client_for(request.getfixturevalue(role)).post(revoke_url(token))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_anonymous_cannot_revoke(client_for, member):
    token, _ = api_token_create(user=member, name="Reporting script")

    response = client_for(None).post(revoke_url(token))

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_twice_is_a_404(client_for, member):
    token, _ = api_token_create(user=member, name="Reporting script")
    client = client_for(member)
    client.post(revoke_url(token))
    revoked_at = ApiToken.objects.get().revoked_at

    response = client.post(revoke_url(token))

    assert response.status_code == 404
    assert ApiToken.objects.get().revoked_at == revoked_at
