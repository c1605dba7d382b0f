"""Changing one's password while signed in, under the portal's password rules."""

import pytest
from django.urls import reverse

from tests.accounts.conftest import sign_in_redirect

pytestmark = pytest.mark.django_db

CHANGE_URL = reverse("accounts:password_change")
NEW_PASSWORD = "sodium-ion-cells-for-the-grid"


def change(client, old, new, confirmation=None):
    return client.post(
        CHANGE_URL,
        {
            "old_password": old,
            "new_password1": new,
            "new_password2": new if confirmation is None else confirmation,
        },
    )


def test_anonymous_is_sent_to_sign_in(client_for):
    response = client_for(None).get(CHANGE_URL)

    assert response.status_code == 302
    assert response["Location"] == sign_in_redirect(CHANGE_URL)


@pytest.mark.parametrize("role", ["member", "contact", "lead", "outsider", "staff", "suspended_member"])
def test_every_signed_in_person_may_change_their_password(request, client_for, role):
    response = client_for(request.getfixturevalue(role)).get(CHANGE_URL)

    assert response.status_code == 200
    assert "Change your password" in response.content.decode()


def test_member_changes_password_and_stays_signed_in(client_for, member, password):
    client = client_for(member)

    response = change(client, password, NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    profile = client.get(reverse("accounts:profile"))
    assert profile.status_code == 200
    assert "Your password has been changed." in profile.content.decode()


def test_wrong_old_password_is_refused(client_for, member, password):
    response = change(client_for(member), "not-the-old-password", NEW_PASSWORD)

    assert response.status_code == 400
    assert "Your old password was entered incorrectly" in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(password)


@pytest.mark.parametrize(
    ("new_password", "message"),
    [
        ("short-pass", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("583920174659", "This password is entirely numeric."),
        ("mo@northern-cells.ca", "The password is too similar to the e-mail address."),
    ],
)
def test_weak_passwords_are_refused(client_for, member, password, new_password, message):
    response = change(client_for(member), password, new_password)

    assert response.status_code == 400
    assert message in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(password)


def test_mismatched_confirmation_is_refused(client_for, member, password):
    response = change(client_for(member), password, NEW_PASSWORD, confirmation=NEW_PASSWORD + "x")

    assert response.status_code == 400
    assert "The two password fields didn’t match." in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(password)


def test_password_change_signs_out_other_devices(client_for, member, password):
    other_device = client_for(member)
    change(client_for(member), password, NEW_PASSWORD)

    response = other_device.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_change_done_page_links_back_to_profile(client_for, member):
    response = client_for(member).get(reverse("accounts:password_change_done"))

    assert response.status_code == 200
    assert reverse("accounts:profile") in response.content.decode()
