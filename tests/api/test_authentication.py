"""How callers sign in: the browser by session (CSRF enforced on every write), scripts by Bearer
token. Revoked tokens and tokens of deactivated people stop working at once (401)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.services_tokens import api_token_revoke
from apps.core.models import Event
from apps.roadmap.models import StatusUpdate
from tests.api.helpers import actions_url, updates_url, valid_update


def test_session_post_without_csrf_token_is_refused(api_client_for, lead, action):
    client = api_client_for(lead, csrf_checks=True)

    response = client.post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF Failed")
    assert not StatusUpdate.objects.exists()
    assert not Event.objects.exists()


def test_session_post_with_csrf_token_is_accepted(api_client_for, lead, action):
    client = api_client_for(lead, csrf_checks=True)
    client.get(reverse("accounts:profile"))  # a page with a form sets the CSRF cookie
    csrf_token = client.cookies["csrftoken"].value

    response = client.post(
        updates_url(action.code), valid_update(action), format="json", HTTP_X_CSRFTOKEN=csrf_token
    )

    assert response.status_code == 201


def test_token_reads_and_posts_without_csrf(token_client_for, lead, action):
    client = token_client_for(lead)

    assert client.get(actions_url()).status_code == 200
    response = client.post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 201
    assert StatusUpdate.objects.get().author == lead


def test_using_a_token_records_when_it_was_last_used(token_client_for, member, action):
    client = token_client_for(member)
    before = timezone.now()

    client.get(actions_url())

    client.api_token.refresh_from_db()
    assert client.api_token.last_used_at >= before


def test_token_of_a_person_without_the_right_still_gets_403_on_write(token_client_for, member, action):
    response = token_client_for(member).post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 403
    assert not StatusUpdate.objects.exists()


def test_revoked_token_gets_401(token_client_for, lead, action):
    client = token_client_for(lead)
    api_token_revoke(token=client.api_token, actor=lead)

    response = client.post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "This token is unknown or revoked.",
        "code": "authentication_failed",
        "fields": {},
    }
    assert response["WWW-Authenticate"] == "Bearer"
    assert not StatusUpdate.objects.exists()


def test_token_of_a_deactivated_person_gets_401(token_client_for, member, action):
    client = token_client_for(member)
    member.is_active = False
    member.save()

    assert client.get(actions_url()).status_code == 401


def test_unknown_token_gets_401(db, action):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")

    assert client.get(actions_url()).status_code == 401


def test_malformed_authorization_header_gets_401(db, action):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer two parts")

    response = client.get(actions_url())

    assert response.status_code == 401
    assert response.json()["detail"] == "Give the token after “Bearer ”, with no spaces in it."


@pytest.mark.parametrize(
    "header",
    [
        "Bearer \xff\xfe\xfd",  # a token that is not UTF-8 (headers arrive as ISO-8859-1)
        "B\xe9arer some-token",  # a scheme that is not UTF-8
        "\xff",
    ],
)
def test_authorization_header_that_is_not_utf8_gets_401(db, action, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)

    response = client.get(actions_url())

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_token_of_suspended_organization_person_gets_403(token_client_for, suspended_member, action):
    assert token_client_for(suspended_member).get(actions_url()).status_code == 403


def test_errors_come_out_in_the_requested_language(db, action):
    response = APIClient().get(actions_url(), HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 401
    assert response.json()["detail"] == "Informations d'authentification non fournies."
