"""Status updates in the admin are append-only: nobody adds, edits or deletes one. Staff hide one
with a reason (an intermediate page), which brings back the previous status; the action's page
shows its timeline with hidden updates marked."""

from datetime import timedelta

import pytest
from django.contrib.admin import helpers
from django.urls import reverse
from django.utils import timezone

from apps.core.models import Event
from apps.roadmap.models import Action, Status, StatusUpdate
from tests.roadmap.factories import ActionFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:roadmap_statusupdate_changelist")


@pytest.fixture
def action(group):
    return ActionFactory(code="FIN-1", working_group=group)


@pytest.fixture
def timeline(action, lead):
    now = timezone.now()
    older = StatusUpdateFactory(
        action=action,
        author=lead,
        status=Status.ON_TRACK,
        summary="Terms drafted.",
        created_at=now - timedelta(days=9),
    )
    latest = StatusUpdateFactory(
        action=action,
        author=lead,
        status=Status.BLOCKED,
        summary="Posted by mistake.",
        created_at=now - timedelta(days=1),
    )
    return older, latest


def hide_url(update):
    return reverse("admin:roadmap_statusupdate_hide", args=[update.pk])


def current(action):
    stored = Action.objects.get(pk=action.pk)
    return stored.status, stored.percent_done


@pytest.mark.parametrize("role", [None, "member", "lead", "suspended_member"])
def test_people_who_are_not_staff_are_sent_away(request, client_for, timeline, role):
    person = request.getfixturevalue(role) if role else None
    _older, latest = timeline
    urls = [CHANGELIST, reverse("admin:roadmap_statusupdate_change", args=[latest.pk]), hide_url(latest)]

    for url in urls:
        response = client_for(person).get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('admin:login')}?next={url}"

    response = client_for(person).post(hide_url(latest), {"reason": "Not mine to hide."})
    assert response.status_code == 302
    assert not StatusUpdate.objects.filter(is_hidden=True).exists()


def test_staff_see_the_list_and_an_update_read_only(client_for, staff, timeline):
    _older, latest = timeline
    client = client_for(staff)

    listing = client.get(CHANGELIST)
    page = client.get(reverse("admin:roadmap_statusupdate_change", args=[latest.pk]))

    assert listing.status_code == page.status_code == 200
    assert "Posted by mistake." in page.content.decode()
    assert page.context["has_change_permission"] is False
    assert hide_url(latest) in page.content.decode()


def test_nobody_adds_edits_or_deletes_an_update_in_the_admin(client_for, staff, timeline):
    _older, latest = timeline
    client = client_for(staff)

    added = client.post(reverse("admin:roadmap_statusupdate_add"), {"summary": "Forged."})
    edited = client.post(
        reverse("admin:roadmap_statusupdate_change", args=[latest.pk]), {"summary": "Rewritten history."}
    )
    deleted = client.post(reverse("admin:roadmap_statusupdate_delete", args=[latest.pk]), {"post": "yes"})
    bulk = client.post(
        CHANGELIST, {"action": "delete_selected", helpers.ACTION_CHECKBOX_NAME: [latest.pk], "post": "yes"}
    )

    assert (added.status_code, edited.status_code, deleted.status_code) == (403, 403, 403)
    assert bulk.status_code in (200, 302)
    assert StatusUpdate.objects.count() == 2
    latest.refresh_from_db()
    assert latest.summary == "Posted by mistake."


def test_the_hide_action_asks_for_a_reason_first(client_for, staff, timeline):
    _older, latest = timeline

    response = client_for(staff).post(
        CHANGELIST, {"action": "hide_selected", helpers.ACTION_CHECKBOX_NAME: [latest.pk]}
    )

    assert response.status_code == 200
    assert "Reason for hiding" in response.content.decode()
    assert not StatusUpdate.objects.filter(is_hidden=True).exists()


def test_hiding_the_latest_update_from_the_list_restores_the_previous_status(
    client_for, staff, action, timeline
):
    _older, latest = timeline

    response = client_for(staff).post(
        CHANGELIST,
        {
            "action": "hide_selected",
            helpers.ACTION_CHECKBOX_NAME: [latest.pk],
            "apply": "yes",
            "reason": "Posted on the wrong action.",
        },
        follow=True,
    )

    assert "1 update hidden." in [str(message) for message in response.context["messages"]]
    latest.refresh_from_db()
    assert (latest.is_hidden, latest.hidden_reason, latest.hidden_by) == (
        True,
        "Posted on the wrong action.",
        staff,
    )
    assert current(action) == (Status.ON_TRACK, 40)
    assert Event.objects.get().kind == Event.Kind.STATUS_UPDATE_HIDDEN


def test_hiding_without_a_reason_is_refused(client_for, staff, action, timeline):
    _older, latest = timeline

    response = client_for(staff).post(
        CHANGELIST,
        {
            "action": "hide_selected",
            helpers.ACTION_CHECKBOX_NAME: [latest.pk],
            "apply": "yes",
            "reason": "  ",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["This field is required."]
    assert not StatusUpdate.objects.filter(is_hidden=True).exists()
    assert current(action) == (Status.BLOCKED, 20)
    assert not Event.objects.exists()


def test_hiding_one_update_from_its_page(client_for, staff, action, timeline):
    _older, latest = timeline
    client = client_for(staff)

    form_page = client.get(hide_url(latest))
    response = client.post(hide_url(latest), {"reason": "Duplicate of the earlier update."})

    assert form_page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:roadmap_statusupdate_change", args=[latest.pk])
    assert current(action) == (Status.ON_TRACK, 40)


def test_an_overlong_reason_is_refused(client_for, staff, action, timeline):
    _older, latest = timeline

    response = client_for(staff).post(hide_url(latest), {"reason": "x" * 501})

    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [
        "Ensure this value has at most 500 characters (it has 501)."
    ]
    assert current(action) == (Status.BLOCKED, 20)


def test_hiding_an_update_twice_is_refused(client_for, staff, action, timeline):
    _older, latest = timeline
    client = client_for(staff)
    client.post(hide_url(latest), {"reason": "Duplicate."})

    response = client.post(hide_url(latest), {"reason": "Again."})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["This update is already hidden."]
    assert Event.objects.count() == 1


def test_the_action_page_shows_the_timeline_with_hidden_updates_marked(client_for, staff, action, timeline):
    _older, latest = timeline
    client = client_for(staff)
    client.post(hide_url(latest), {"reason": "Posted on the wrong action."})

    response = client.get(reverse("admin:roadmap_action_change", args=[action.pk]))

    html = response.content.decode()
    assert "Terms drafted." in html
    assert "Hidden by Stella Staff: Posted on the wrong action." in html
    assert html.count("Visible") == 1


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(client_for, staff, count, django_assert_max_num_queries):
    for _ in range(count):
        StatusUpdateFactory()
    client = client_for(staff)
    client.get(CHANGELIST)

    with django_assert_max_num_queries(12):
        response = client.get(CHANGELIST)

    assert response.status_code == 200
