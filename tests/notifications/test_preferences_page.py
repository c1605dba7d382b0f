"""Each person chooses their digest and immediate e-mail; the defaults suit a new member."""

import pytest
from django.urls import reverse

from apps.notifications.models import NotificationPreference
from apps.patents.models import TechnologyArea

URL = reverse("notifications:preferences")


def test_a_new_member_sees_the_defaults(client_for, member):
    response = client_for(member).get(URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert form["digest_frequency"].value() == "weekly"
    assert form["covers_my_groups"].value() is True
    assert form["covers_whole_roadmap"].value() is False
    assert form["immediate_email"].value() is True


def test_saving_choices(client_for, member):
    areas = list(TechnologyArea.objects.order_by("position")[:2])
    response = client_for(member).post(
        URL,
        {
            "digest_frequency": "daily",
            "covers_whole_roadmap": "on",
            "covers_listings": "on",
            "watched_areas": [area.pk for area in areas],
        },
    )

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=member)
    assert preference.digest_frequency == "daily"
    assert (
        preference.covers_my_groups,
        preference.covers_whole_roadmap,
        preference.immediate_email,
    ) == (
        False,
        True,
        False,
    )
    assert set(preference.watched_areas.all()) == set(areas)


def test_listings_without_a_watched_area_is_a_form_error(client_for, member):
    response = client_for(member).post(URL, {"digest_frequency": "weekly", "covers_listings": "on"})

    assert response.status_code == 400
    assert "Choose at least one technology area" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=member).exists()


def test_an_unknown_frequency_is_a_form_error(client_for, member):
    response = client_for(member).post(URL, {"digest_frequency": "hourly"})

    assert response.status_code == 400
    assert not NotificationPreference.objects.filter(user=member).exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 200), ("suspended_member", 302), ("staff", 200), ("lead", 200)],
)
def test_who_may_open_the_page(request, client, client_for, role, status):
    client = client if role == "anonymous" else client_for(request.getfixturevalue(role))

    response = client.get(URL)

    assert response.status_code == status
    if role == "suspended_member":
        assert response.url == reverse("organizations:membership_status")


def test_a_person_edits_only_their_own_preferences(client_for, member, contact):
    client_for(member).post(URL, {"digest_frequency": "never"})

    assert NotificationPreference.objects.get(user=member).digest_frequency == "never"
    assert not NotificationPreference.objects.filter(user=contact).exists()


def test_the_profile_links_to_the_preferences(client_for, member):
    assert URL in client_for(member).get(reverse("accounts:profile")).content.decode()
