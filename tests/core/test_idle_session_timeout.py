"""A person idle for longer than SESSION_IDLE_TIMEOUT is signed out and told why on the sign-in
page; being active keeps them in without writing the session on every request (at most once a
minute), and never extends the absolute limit set when they signed in."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from apps.core.middleware import LAST_ACTIVITY_KEY

SIGNED_OUT = {
    "en": "You were signed out because you were inactive for a while. Please sign in again.",
    "fr": "Votre session a été fermée après une période d'inactivité. Veuillez vous reconnecter.",
}


def roadmap_url(language="en"):
    with translation.override(language):
        return reverse("roadmap:overview")


def last_seen(client, seconds_ago: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds_ago
    session.save()


def session_writes(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].startswith('UPDATE "django_session"')]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_idle_person_is_signed_out_and_told_why(client_for, member, settings, language):
    client = client_for(member)
    last_seen(client, settings.SESSION_IDLE_TIMEOUT + 1)

    response = client.get(roadmap_url(language), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert escape(SIGNED_OUT[language]) in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert client.get(roadmap_url()).status_code == 302


def test_person_active_within_the_limit_stays_signed_in(client_for, member, settings):
    client = client_for(member)
    last_seen(client, settings.SESSION_IDLE_TIMEOUT - 5)

    response = client.get(roadmap_url())

    assert response.status_code == 200
    assert client.session[LAST_ACTIVITY_KEY] >= int(time.time()) - 1


def test_requests_within_a_minute_do_not_write_the_session(client_for, member):
    client = client_for(member)
    last_seen(client, 30)
    client.get(roadmap_url())

    with CaptureQueriesContext(connection) as queries:
        response = client.get(roadmap_url())

    assert response.status_code == 200
    assert session_writes(queries) == []
    assert client.session[LAST_ACTIVITY_KEY] <= int(time.time()) - 30


def test_activity_is_recorded_once_a_minute_without_extending_the_session(client_for, member):
    client = client_for(member)
    expires_at = Session.objects.get().expire_date
    last_seen(client, 61)

    with CaptureQueriesContext(connection) as queries:
        client.get(roadmap_url())
        client.get(roadmap_url())

    assert len(session_writes(queries)) == 1
    assert client.session[LAST_ACTIVITY_KEY] >= int(time.time()) - 1
    assert Session.objects.get().expire_date == expires_at


def test_signing_in_sets_the_absolute_limit(client, member, password, settings):
    client.post(reverse("accounts:login"), {"username": member.email, "password": password})

    assert client.session.get_expiry_age() == pytest.approx(settings.SESSION_COOKIE_AGE, abs=5)
    assert client.session[LAST_ACTIVITY_KEY] >= int(time.time()) - 1
