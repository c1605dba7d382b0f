"""The secretariat turns the public progress page on and off in the admin, with history."""

import pytest
from django.urls import reverse

from apps.dashboard.models import PublicProgressPage

pytestmark = pytest.mark.django_db

CHANGE = reverse("admin:dashboard_publicprogresspage_change", args=[1])


def test_the_list_opens_the_one_switch(client_for, staff):
    response = client_for(staff).get(reverse("admin:dashboard_publicprogresspage_changelist"))

    assert response.status_code == 302
    assert response["Location"] == CHANGE
    assert PublicProgressPage.objects.count() == 1


def test_staff_turn_the_page_on_and_it_is_recorded(client_for, staff, client):
    PublicProgressPage.load()

    response = client_for(staff).post(CHANGE, {"is_enabled": "on"})

    assert response.status_code == 302
    assert PublicProgressPage.is_public()
    assert PublicProgressPage.load().history.first().history_user == staff
    assert client.get("/en/progress/").status_code == 200


@pytest.mark.parametrize("role", ["member", "lead", "contact"])
def test_people_who_are_not_staff_cannot_turn_it_on(request, client_for, role):
    PublicProgressPage.load()

    response = client_for(request.getfixturevalue(role)).post(CHANGE, {"is_enabled": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not PublicProgressPage.is_public()


def test_it_is_never_added_twice_nor_deleted(client_for, staff):
    PublicProgressPage.load()
    client = client_for(staff)

    assert client.get(reverse("admin:dashboard_publicprogresspage_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:dashboard_publicprogresspage_delete", args=[1]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert PublicProgressPage.objects.count() == 1
