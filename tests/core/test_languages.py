"""English and French: how the portal picks, switches and remembers the language."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import User
from tests.factories import PASSWORD, InvitationFactory

pytestmark = pytest.mark.django_db


def test_first_visit_follows_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_english_browser_gets_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-CA,en;q=0.9")

    assert response["Location"] == "/en/"


def test_the_language_cookie_beats_the_browser(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-CA,en;q=0.9")

    assert response["Location"] == "/fr/"


def test_page_says_its_language(client):
    assert '<html lang="fr-CA">' in client.get("/fr/").content.decode()
    assert '<html lang="en-CA">' in client.get("/en/").content.decode()


def test_switching_language_keeps_the_person_on_the_same_page(client_for, member, group, settings):
    page = reverse("working_groups:detail", kwargs={"slug": group.slug})

    response = client_for(member).post(reverse("set_language"), {"language": "fr", "next": page})

    assert response.status_code == 302
    assert response["Location"] == f"/fr/groups/{group.slug}/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_switching_language_is_remembered_on_the_profile(client_for, member):
    client_for(member).post(reverse("set_language"), {"language": "fr", "next": "/en/"})

    member.refresh_from_db()
    assert member.preferred_language == "fr"


def test_switching_to_an_unknown_language_changes_nothing(client_for, member):
    response = client_for(member).post(reverse("set_language"), {"language": "de", "next": "/en/"})

    assert response.status_code == 400
    member.refresh_from_db()
    assert member.preferred_language == "en"


def test_signing_in_opens_the_portal_in_the_profiles_language(client, member, settings):
    User.objects.filter(pk=member.pk).update(preferred_language="fr")

    response = client.post(reverse("accounts:login"), {"username": member.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_saving_the_profile_language_switches_the_portal(client_for, member):
    response = client_for(member).post(
        reverse("accounts:profile"),
        {"full_name": member.full_name, "job_title": "", "preferred_language": "fr"},
    )

    assert response["Location"] == "/fr/accounts/profile/"
    member.refresh_from_db()
    assert member.preferred_language == "fr"


def test_a_newcomer_accepting_in_french_gets_french(client, organization):
    invitation = InvitationFactory(organization=organization)
    with translation.override("fr"):
        url = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})

    client.post(url, {"full_name": "Élise Fournier", "password": PASSWORD, "password_confirmation": PASSWORD})

    assert User.objects.get(email=invitation.email).preferred_language == "fr"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "$12,000,000"), ("fr", "12\xa0000\xa0000\xa0$")],
)
def test_money_is_written_the_readers_way(language, expected):
    template = Template("{% load portal %}{{ amount|money }}")

    with translation.override(language):
        assert template.render(Context({"amount": Decimal("12000000")})) == expected


@pytest.mark.parametrize(("language", "expected"), [("en", "Nov. 25, 2026"), ("fr", "25 novembre 2026")])
def test_dates_are_written_the_readers_way(language, expected):
    template = Template("{{ day|date }}")

    with translation.override(language):
        assert template.render(Context({"day": date(2026, 11, 25)})) == expected


def test_content_missing_in_french_shows_the_english_marked_as_such(client_for, member, organization):
    organization.description_en = "We make cells."
    organization.description_fr = ""
    organization.save()

    html = client_for(member).get(f"/fr{organization.get_absolute_url()[3:]}").content.decode()

    assert '<div lang="en"><p>We make cells.</p></div>' in html
    assert "Not yet translated" in html or "Pas encore traduit" in html


def test_content_given_in_french_is_shown_in_french(client_for, member, organization):
    organization.description_en = "We make cells."
    organization.description_fr = "Nous fabriquons des cellules."
    organization.save()

    html = client_for(member).get(f"/fr{organization.get_absolute_url()[3:]}").content.decode()

    assert "Nous fabriquons des cellules." in html
    assert "We make cells." not in html


def test_the_roadmap_groups_come_with_french_versions():
    from apps.working_groups.services import ensure_roadmap_groups

    groups = ensure_roadmap_groups()

    with translation.override("fr"):
        assert [groups[slug].name for slug in ("financing", "skills", "research-and-development")] == [
            "Financement",
            "Compétences",
            "R-D",
        ]
        assert groups["financing"].charter.startswith("Objet")
    with translation.override("en"):
        assert groups["financing"].name == "Financing"


def test_an_invitation_sent_in_french_is_written_in_french(
    organization, mailoutbox, django_capture_on_commit_callbacks
):
    from apps.accounts.services import invitation_create

    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        invitation_create(organization=organization, email="elise@example.ca", role="member", invited_by=None)

    message = mailoutbox[0]
    assert message.extra_headers["Content-Language"] == "fr-CA"
    assert "/fr/accounts/invitations/" in message.body


def test_an_invitation_sent_in_english_is_written_in_english(
    organization, mailoutbox, django_capture_on_commit_callbacks
):
    from apps.accounts.services import invitation_create

    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(organization=organization, email="ella@example.ca", role="member", invited_by=None)

    assert mailoutbox[0].extra_headers["Content-Language"] == "en-CA"
    assert "/en/accounts/invitations/" in mailoutbox[0].body


def test_each_recipient_reads_their_own_language(
    group, lead, member, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    from apps.working_groups.services import group_member_add

    User.objects.filter(pk=member.pk).update(preferred_language="fr")

    with django_capture_on_commit_callbacks(execute=True):
        group_member_add(group=group, email=member.email, added_by=lead)
        group_member_add(group=group, email=outsider.email, added_by=lead)

    by_recipient = {message.to[0]: message for message in mailoutbox}
    french, english = by_recipient[member.email], by_recipient[outsider.email]
    assert french.subject.startswith("Vous")
    assert french.extra_headers["Content-Language"] == "fr-CA"
    assert "/fr/groups/financing/" in french.body
    assert english.subject == "You were added to Financing"
    assert english.extra_headers["Content-Language"] == "en-CA"


def test_value_chain_segments_are_named_in_the_readers_language(client_for, member, organization):
    from apps.organizations.models import ValueChainSegment

    organization.segments.set([ValueChainSegment.objects.get(code="downstream")])

    path = organization.get_absolute_url()[3:]
    french = client_for(member).get(f"/fr{path}").content.decode()
    english = client_for(member).get(f"/en{path}").content.decode()

    assert "Aval (cellules, blocs-batteries, véhicules)" in french
    assert "Downstream (cells, packs, vehicles)" in english
