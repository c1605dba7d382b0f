"""Resetting a forgotten password through an e-mailed link, without revealing who has an account."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from apps.core.models import Event
from apps.notifications.delivery import events_deliver
from apps.notifications.models import NotificationPreference
from tests.accounts.conftest import SIGN_IN_URL

pytestmark = pytest.mark.django_db

RESET_URL = reverse("accounts:password_reset")
NEW_PASSWORD = "lithium-iron-phosphate-2035"


def ask_for_reset(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(RESET_URL, {"email": email})


def link_in(message) -> str:
    return re.search(r"https?://\S+/accounts/password/reset/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_whole_reset_path_from_the_emailed_link(client, member, django_capture_on_commit_callbacks):
    response = ask_for_reset(client, "MO@northern-cells.ca", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert message.subject == "Reset your password on the National Battery Alliance portal"

    form_page = client.get(path_of(link_in(message)), follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    signed_in = client.post(SIGN_IN_URL, {"username": member.email, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_reset_email_is_multipart_with_the_link_in_both_parts(
    client, member, django_capture_on_commit_callbacks
):
    ask_for_reset(client, member.email, django_capture_on_commit_callbacks)

    message = mail.outbox[0]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    link = link_in(message)
    assert link.startswith("http://127.0.0.1:8000/en/accounts/password/reset/")
    assert f'href="{link}"' in html
    assert "Hello Mo," in message.body
    assert "within 24 hours" in message.body


def test_unknown_address_sees_the_same_page_and_no_email_is_sent(
    client, member, django_capture_on_commit_callbacks
):
    response = ask_for_reset(client, "nobody@example.ca", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
    assert not Event.objects.exists()
    done = client.get(response["Location"]).content.decode()
    assert "If an account uses the address you entered" in done


def test_deactivated_person_gets_no_reset_email(client, member, django_capture_on_commit_callbacks):
    member.is_active = False
    member.save()

    response = ask_for_reset(client, member.email, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert mail.outbox == []


def test_invalid_email_is_refused_with_status_400(client, django_capture_on_commit_callbacks):
    response = ask_for_reset(client, "not-an-address", django_capture_on_commit_callbacks)

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["Enter a valid email address."]
    assert mail.outbox == []


def test_reset_link_works_only_once(client, client_for, member, django_capture_on_commit_callbacks):
    ask_for_reset(client, member.email, django_capture_on_commit_callbacks)
    link = path_of(link_in(mail.outbox[0]))
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    response = client_for(None).get(link, follow=True)

    assert response.status_code == 410
    assert "This link no longer works" in response.content.decode()


def test_tampered_link_is_refused(client, member):
    response = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "abc-123"})
    )

    assert response.status_code == 410
    assert "Ask for a new link" in response.content.decode()


def test_weak_new_password_is_refused_and_nothing_changes(
    client, member, password, django_capture_on_commit_callbacks
):
    ask_for_reset(client, member.email, django_capture_on_commit_callbacks)
    form_page = client.get(path_of(link_in(mail.outbox[0])), follow=True)

    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"}
    )

    assert response.status_code == 400
    assert "This password is too short. It must contain at least 12 characters." in response.content.decode()
    member.refresh_from_db()
    assert member.check_password(password)


def test_resetting_the_password_lifts_a_lockout(client, member, django_capture_on_commit_callbacks):
    for _ in range(5):
        client.post(SIGN_IN_URL, {"username": member.email, "password": "wrong-password-again"})
    assert AccessAttempt.objects.exists()
    ask_for_reset(client, member.email, django_capture_on_commit_callbacks)
    form_page = client.get(path_of(link_in(mail.outbox[0])), follow=True)

    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert not AccessAttempt.objects.exists()
    response = client.post(SIGN_IN_URL, {"username": member.email, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_the_reset_waits_in_the_outbox_without_its_link_and_then_works(client, member):
    """The request records an event that names the person and holds no secret; the link is made
    when the e-mail is sent, and works."""
    client.post(RESET_URL, {"email": member.email})  # its wake-up is never published here
    event = Event.objects.get(kind=Event.Kind.PASSWORD_RESET_REQUESTED)
    assert (event.subject_id, event.data) == (member.pk, {})
    assert mail.outbox == []

    events_deliver()

    (message,) = mail.outbox
    form_page = client.get(path_of(link_in(message)), follow=True)
    assert "Choose a new password" in form_page.content.decode()


def test_the_reset_email_goes_out_once(client, member):
    client.post(RESET_URL, {"email": member.email})
    events_deliver()
    Event.objects.update(processed_at=None)  # as if the worker died before marking it done

    events_deliver()

    assert len(mail.outbox) == 1


def test_the_reset_reaches_a_person_who_turned_immediate_email_off(client, member):
    NotificationPreference.objects.create(user=member, immediate_email=False)

    client.post(RESET_URL, {"email": member.email})
    events_deliver()

    assert [message.to for message in mail.outbox] == [[member.email]]
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_a_person_deactivated_before_the_email_goes_out_gets_none(client, member):
    client.post(RESET_URL, {"email": member.email})
    member.is_active = False
    member.save()

    events_deliver()

    assert mail.outbox == []
