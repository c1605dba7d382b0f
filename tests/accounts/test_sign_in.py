"""Signing in with e-mail and password, and signing out."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.accounts.conftest import SIGN_IN_URL

pytestmark = pytest.mark.django_db


def test_sign_in_page_links_to_password_reset_and_application(client):
    response = client.get(SIGN_IN_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Forgot your password?" in content
    assert reverse("accounts:password_reset") in content
    assert reverse("organizations:apply") in content
    assert 'type="email"' in content


def test_member_signs_in_with_email_in_any_case_and_lands_home(client, member, password):
    response = client.post(SIGN_IN_URL, {"username": "  MO@Northern-Cells.CA ", "password": password})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).context["user"] == member


def test_sign_in_goes_to_next_page(client, member, password):
    profile_url = reverse("accounts:profile")

    response = client.post(SIGN_IN_URL, {"username": member.email, "password": password, "next": profile_url})

    assert response.status_code == 302
    assert response["Location"] == profile_url


def test_sign_in_ignores_next_pointing_to_another_site(client, member, password):
    response = client.post(
        SIGN_IN_URL, {"username": member.email, "password": password, "next": "https://evil.example/"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_session_is_stored_in_the_database_after_sign_in(client, member, password):
    assert not Session.objects.exists()

    client.post(SIGN_IN_URL, {"username": member.email, "password": password})

    session = Session.objects.get()
    assert session.get_decoded()["_auth_user_id"] == str(member.pk)
    assert client.cookies["sessionid"].value == session.session_key


def test_wrong_password_shows_a_clear_error_with_status_400(client, member):
    response = client.post(SIGN_IN_URL, {"username": member.email, "password": "not-my-password-at-all"})

    assert response.status_code == 400
    assert "This e-mail address and password do not match an account" in response.content.decode()
    assert not Session.objects.exists()


def test_unknown_address_gets_the_same_error_as_a_wrong_password(client, member):
    response = client.post(SIGN_IN_URL, {"username": "nobody@example.ca", "password": "whatever-it-is"})

    assert response.status_code == 400
    assert "This e-mail address and password do not match an account" in response.content.decode()


def test_missing_fields_are_refused(client):
    response = client.post(SIGN_IN_URL, {"username": "", "password": ""})

    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"username", "password"}


def test_deactivated_person_cannot_sign_in(client, member, password):
    member.is_active = False
    member.save()

    response = client.post(SIGN_IN_URL, {"username": member.email, "password": password})

    assert response.status_code == 400
    assert not Session.objects.exists()


def test_person_of_suspended_organization_signs_in_and_sees_membership_status(
    client, suspended_member, password
):
    response = client.post(
        SIGN_IN_URL, {"username": suspended_member.email, "password": password}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("organizations:membership_status")


def test_signed_in_person_opening_sign_in_goes_home(client_for, member):
    response = client_for(member).get(SIGN_IN_URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_sign_out_needs_post(client_for, member):
    client = client_for(member)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert Session.objects.count() == 1


def test_sign_out_ends_the_session_and_goes_home(client_for, member):
    client = client_for(member)

    response = client.post(reverse("accounts:logout"), follow=True)

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert not response.context["user"].is_authenticated
    assert "You have signed out." in response.content.decode()
    assert not [session for session in Session.objects.all() if "_auth_user_id" in session.get_decoded()]
