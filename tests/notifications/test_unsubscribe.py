"""One-click unsubscribe (RFC 8058): a signed link that works without signing in. POST acts at
once; GET only shows the choice; a tampered or expired link does nothing."""

import time

import pytest
from django.core import signing
from django.urls import reverse

from apps.notifications.models import NotificationPreference
from apps.notifications.unsubscribe import VALID_FOR, Scope, unsubscribe_token
from tests.factories import UserFactory


def link(person, scope=Scope.DIGEST):
    return reverse(
        "notifications:unsubscribe", kwargs={"token": unsubscribe_token(user_id=person.pk, scope=scope)}
    )


def preference_of(person):
    return (
        NotificationPreference.objects.filter(user=person)
        .values("digest_frequency", "covers_my_groups", "immediate_email")
        .first()
    )


@pytest.fixture
def daily_reader(member):
    NotificationPreference.objects.create(
        user=member, digest_frequency="daily", covers_whole_roadmap=True
    )
    return member


def test_one_click_post_unsubscribes_at_once_and_changes_nothing_else(client, daily_reader, contact):
    response = client.post(
        link(daily_reader),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    preference = NotificationPreference.objects.get(user=daily_reader)
    assert preference.digest_frequency == "never"
    assert preference.covers_whole_roadmap and preference.immediate_email
    assert preference_of(contact) is None


def test_get_shows_the_choice_and_changes_nothing(client, daily_reader):
    response = client.get(link(daily_reader))

    assert response.status_code == 200
    assert b"Unsubscribe from the digest" in response.content
    assert b"Send it weekly instead" in response.content
    assert preference_of(daily_reader)["digest_frequency"] == "daily"


def test_choosing_weekly_instead_keeps_the_digest(client, daily_reader):
    response = client.post(link(daily_reader), {"frequency": "weekly"})

    assert response.status_code == 200
    assert preference_of(daily_reader)["digest_frequency"] == "weekly"
    assert b"Your digest is now weekly" in response.content


def test_the_immediate_link_turns_only_immediate_email_off(client, member):
    client.post(link(member, Scope.IMMEDIATE))

    assert preference_of(member) == {
        "digest_frequency": "weekly",
        "covers_my_groups": True,
        "immediate_email": False,
    }


def test_a_tampered_link_is_refused(client, member, contact):
    token = unsubscribe_token(user_id=member.pk, scope=Scope.DIGEST)
    payload, signature = token.rsplit(":", 1)
    forged = (
        unsubscribe_token(user_id=contact.pk, scope=Scope.DIGEST).rsplit(":", 1)[0] + ":" + signature
    )

    for bad in (forged, token[:-2] + "xx", "not-a-token"):
        response = client.post(reverse("notifications:unsubscribe", kwargs={"token": bad}))
        assert response.status_code == 400
    assert preference_of(member) is None and preference_of(contact) is None


def test_an_expired_link_is_refused(client, member, monkeypatch):
    long_ago = time.time() - VALID_FOR.total_seconds() - 60
    monkeypatch.setattr(signing.time, "time", lambda: long_ago)
    old_link = link(member)
    monkeypatch.undo()

    response = client.post(old_link)

    assert response.status_code == 400
    assert b"not valid" in response.content
    assert preference_of(member) is None


def test_a_deactivated_persons_link_does_nothing(client, db):
    gone = UserFactory(is_active=False)

    assert client.get(link(gone)).status_code == 400


def test_a_second_visit_says_it_is_already_done(client, member):
    NotificationPreference.objects.create(user=member, digest_frequency="never")

    response = client.get(link(member))

    assert b"You are unsubscribed from the digest" in response.content
    assert b"<form" not in response.content.split(b"<main")[-1]


@pytest.mark.parametrize(
    ("before", "chosen", "after"),
    [
        ("never", "weekly", "never"),
        ("never", "never", "never"),
        ("weekly", "weekly", "weekly"),
        ("weekly", "never", "never"),
        ("daily", "weekly", "weekly"),
        ("daily", "never", "never"),
    ],
)
def test_the_unsubscribe_link_only_ever_lowers_the_digest(client, member, before, chosen, after):
    NotificationPreference.objects.create(user=member, digest_frequency=before)

    response = client.post(link(member), {"frequency": chosen})

    assert response.status_code == 200
    assert preference_of(member)["digest_frequency"] == after


def test_a_stopped_digest_stays_stopped_and_the_page_says_so(client, member):
    NotificationPreference.objects.create(user=member, digest_frequency="never")

    response = client.post(link(member), {"frequency": "weekly"})

    assert b"You are unsubscribed from the digest" in response.content
    assert b"Your digest is now weekly" not in response.content
