"""The secretariat's list of API tokens: who has which, when made, last used, expiring, revoked;
never the token or its hash; a "revoke" action through the service, logged in the token's
history."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.accounts.services_tokens import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TOKENS_URL = reverse("admin:accounts_apitoken_changelist")


def token_url(token) -> str:
    return reverse("admin:accounts_apitoken_change", args=[token.pk])


def revoke(client, *tokens):
    return client.post(
        TOKENS_URL,
        {"action": "revoke", "_selected_action": [token.pk for token in tokens]},
        follow=True,
    )


@pytest.fixture
def token_and_secret(member):
    return api_token_create(user=member, name="Reporting script")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("suspended_member", 302),
        ("member", 302),
        ("contact", 302),
        ("lead", 302),
        ("outsider", 302),
        ("staff", 200),
    ],
)
@pytest.mark.parametrize("page", ["list", "detail"])
def test_token_admin_role_table(request, client_for, token_and_secret, role, expected, page):
    token, _ = token_and_secret
    person = None if role == "anonymous" else request.getfixturevalue(role)
    url = TOKENS_URL if page == "list" else token_url(token)

    response = client_for(person).get(url)

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_staff_see_tokens_but_never_the_secret_or_its_hash(client_for, staff, token_and_secret):
    token, raw_token = token_and_secret
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    client = client_for(staff)

    listing = client.get(TOKENS_URL).content.decode()
    detail = client.get(token_url(token)).content.decode()

    for page in (listing, detail):
        assert "Reporting script" in page
        assert "Mo Member" in page
        assert f"{token.prefix}…" in page
        assert raw_token not in page
        assert token.key_hash not in page
    assert "Expires" in listing and "Last used" in listing and "Revoked" in listing


def test_staff_cannot_add_edit_or_delete_tokens(client_for, staff, token_and_secret):
    token, _ = token_and_secret
    client = client_for(staff)

    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    assert client.post(token_url(token), {"name": "Renamed"}).status_code == 403
    assert client.post(reverse("admin:accounts_apitoken_delete", args=[token.pk])).status_code == 403
    assert ApiToken.objects.get().name == "Reporting script"


def test_staff_revoke_a_token_and_it_is_recorded(client_for, staff, member, token_and_secret):
    token, _ = token_and_secret

    response = revoke(client_for(staff), token)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert (token.revoked_by, token.revoked_reason) == (staff, ApiToken.RevokedReason.STAFF)
    assert "Revoked: Reporting script" in response.content.decode()
    entry = LogEntry.objects.get(object_id=str(token.pk))
    assert (entry.user, entry.change_message) == (staff, "Revoked")


def test_revoking_an_already_revoked_token_is_reported(client_for, staff, member, token_and_secret):
    token, _ = token_and_secret
    client = client_for(staff)
    revoke(client, token)
    first = ApiToken.objects.get().revoked_at

    response = revoke(client, token)

    assert "This token was already revoked." in response.content.decode()
    assert ApiToken.objects.get().revoked_at == first


def test_staff_who_may_only_view_tokens_cannot_revoke(client_for, token_and_secret):
    token, _ = token_and_secret
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_apitoken"))
    client = client_for(viewer)

    listing = client.get(TOKENS_URL)
    response = client.post(TOKENS_URL, {"action": "revoke", "_selected_action": [token.pk]})

    assert listing.status_code == 200
    assert "Revoke the selected tokens" not in listing.content.decode()
    assert response.status_code == 200  # the list again: the action is not one they may use
    assert ApiToken.objects.get().revoked_at is None


def test_tokens_filter_by_state(client_for, staff, member):
    active, _ = api_token_create(user=member, name="Active one")
    expired, _ = api_token_create(user=member, name="Expired one")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    revoked, _ = api_token_create(user=member, name="Revoked one")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    client = client_for(staff)

    def names(state):
        response = client.get(TOKENS_URL, {"state": state})
        return [token.name for token in response.context["cl"].result_list]

    assert names("active") == ["Active one"]
    assert names("expired") == ["Expired one"]
    assert names("revoked") == ["Revoked one"]


@pytest.mark.parametrize("tokens", [3, 40])
def test_token_list_runs_a_fixed_number_of_queries(client_for, staff, tokens, django_assert_max_num_queries):
    for index in range(tokens):
        api_token_create(user=UserFactory(), name=f"Script {index}")
    client = client_for(staff)

    with django_assert_max_num_queries(9):
        response = client.get(TOKENS_URL)

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == tokens
