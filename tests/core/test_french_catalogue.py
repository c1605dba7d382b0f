"""The French catalogue is complete, and the main pages speak one language at a time."""

import re
from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}")


def catalogue_entries():
    return [entry for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete]


def test_every_french_entry_is_translated_and_none_is_fuzzy():
    untranslated = [entry.msgid for entry in catalogue_entries() if not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue_entries() if "fuzzy" in entry.flags]

    assert untranslated == []
    assert fuzzy == []


def test_french_entries_keep_the_placeholders_of_the_english():
    mismatched = []
    for entry in catalogue_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in translations:
            found = sorted(PLACEHOLDER.findall(text))
            if found != expected and not (entry.msgid_plural and set(found) <= set(expected)):
                mismatched.append((entry.msgid, text))
    assert mismatched == []


# Interface text that must not be left in English on a French page, and the reverse.
ENGLISH_INTERFACE = [
    "Sign out",
    "Working groups",
    "Members",
    "Home",
    "Skip to main content",
    "Contact the secretariat",
    "Search and filter",
    "Ask to join",
    "Charter",
    "Your organizations",
    "Your working groups",
    "Member directory",
    "Save",
    "Roadmap",
    "Previous",
    "Next",
    "Profile",
    "Password",
]
FRENCH_INTERFACE = ["Se déconnecter", "Groupes de travail", "Passer au contenu principal", "Charte"]


MEMBER_PAGES = [
    "home",
    "directory",
    "organization",
    "groups",
    "group",
    "profile",
    "roadmap",
    "actions",
    "my_actions",
    "pool",
    "requests",
    "dashboard",
]


def member_pages(organization, group):
    return {
        "home": reverse("home"),
        "directory": reverse("organizations:directory"),
        "organization": reverse("organizations:detail", kwargs={"slug": organization.slug}),
        "groups": reverse("working_groups:list"),
        "group": reverse("working_groups:detail", kwargs={"slug": group.slug}),
        "profile": reverse("accounts:profile"),
        "roadmap": reverse("roadmap:overview"),
        "actions": reverse("roadmap:action_list"),
        "my_actions": reverse("roadmap:my_actions"),
        "pool": reverse("patents:pool"),
        "requests": reverse("patents:requests"),
        "dashboard": reverse("dashboard:dashboard"),
    }


def in_language(path: str, language: str) -> str:
    return f"/{language}/{path.split('/', 2)[2]}"


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.django_db
@pytest.mark.parametrize("page", MEMBER_PAGES)
def test_member_pages_in_french_have_no_english_interface_left(page, client_for, lead, organization, group):
    path = in_language(member_pages(organization, group)[page], "fr")

    text = visible_text(client_for(lead).get(path).content.decode())

    leftovers = [phrase for phrase in ENGLISH_INTERFACE if re.search(rf"\b{re.escape(phrase)}\b", text)]
    assert leftovers == []


@pytest.mark.django_db
@pytest.mark.parametrize("page", MEMBER_PAGES)
def test_member_pages_in_english_have_no_french_interface(page, client_for, lead, organization, group):
    text = visible_text(client_for(lead).get(member_pages(organization, group)[page]).content.decode())

    assert [phrase for phrase in FRENCH_INTERFACE if re.search(rf"\b{re.escape(phrase)}\b", text)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts:login", "organizations:apply", "accounts:password_reset"])
def test_public_pages_in_french_have_no_english_interface_left(name, client):
    with translation.override("fr"):
        path = reverse(name)

    text = visible_text(client.get(path).content.decode())

    assert [
        phrase
        for phrase in ["Sign in", "Apply for membership", "E-mail address", "Password"]
        if re.search(rf"\b{phrase}\b", text)
    ] == []


@pytest.mark.django_db
def test_public_progress_page_in_french_has_no_english_interface_left(client):
    from apps.dashboard.models import PublicProgressPage

    PublicProgressPage.objects.create(is_enabled=True)
    with translation.override("fr"):
        path = reverse("progress:progress")

    text = visible_text(client.get(path).content.decode())

    english = [
        "Roadmap progress", "Indicators", "Apply for membership", "Sign in", "Figures as a table", "Show"
    ]
    assert [phrase for phrase in english if re.search(rf"\b{phrase}\b", text)] == []


@pytest.mark.django_db
def test_form_errors_come_in_french(client):
    with translation.override("fr"):
        path = reverse("organizations:apply")

    html = client.post(path, {}).content.decode()

    assert "Ce champ est obligatoire." in html
    assert "This field is required." not in html
