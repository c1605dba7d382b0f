"""An action's page: who sees it, what it shows, who gets the update form, the timeline."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.roadmap.models import Status
from apps.roadmap.services import status_update_hide
from tests.roadmap.factories import StatusUpdateFactory
from tests.roadmap.pages_helpers import detail_url, login_redirect, post_url, user_for

pytestmark = pytest.mark.django_db

# Session, person, membership; the action, its lead organizations, the viewer's lead groups,
# the timeline, and the owner choices.
DETAIL_QUERIES = 8


@pytest.mark.parametrize(
    ("role", "expected_status", "has_form"),
    [
        ("anonymous", 302, False),
        ("suspended_member", 302, False),
        ("member", 200, False),
        ("outsider", 200, False),
        ("other_lead", 200, False),
        ("lead", 200, True),
        ("owner", 200, True),
        ("staff", 200, True),
    ],
)
def test_who_sees_the_page_and_the_form(request, client_for, action, role, expected_status, has_form):
    user = user_for(request, role)

    response = client_for(user).get(detail_url(action))

    assert response.status_code == expected_status
    if role == "anonymous":
        assert response["Location"] == login_redirect(detail_url(action))
    elif role == "suspended_member":
        assert response["Location"] == reverse("organizations:membership_status")
    else:
        content = response.content.decode()
        assert (response.context["form"] is not None) is has_form
        assert ("Post a status update" in content) is has_form
        assert (f'action="{post_url(action)}"' in content) is has_form


def test_unknown_code_answers_404(client_for, member, action):
    response = client_for(member).get(reverse("roadmap:action_detail", kwargs={"code": "NOPE-1"}))

    assert response.status_code == 404


def test_page_shows_the_action_its_people_dates_and_status(client_for, member, action, organization):
    StatusUpdateFactory(action=action, status=Status.AT_RISK, summary="Slow start.")

    response = client_for(member).get(detail_url(action))

    content = response.content.decode()
    assert content.count("<h1>") == 1
    assert "FIN-1" in content and "Align and focus existing funding mechanisms" in content
    assert "Map the programs and align them with the sector&#x27;s needs." in content
    assert "Financing" in content
    assert organization.name in content
    assert "Olive Owner" in content
    assert "Monthly" in content
    assert "At risk" in content
    assert "30% done" in content
    assert 'value="30"' in content
    assert reverse("roadmap:group_report", kwargs={"slug": "financing"}) in content
    assert "js/htmx.min.js" in content


def test_timeline_shows_every_update_newest_first_and_hidden_ones_without_text(
    client_for, member, staff, action
):
    now = timezone.now()
    first = StatusUpdateFactory(action=action, summary="First month.", created_at=now - timedelta(days=60))
    second = StatusUpdateFactory(
        action=action, summary="Embarrassing typo here.", created_at=now - timedelta(days=30)
    )
    StatusUpdateFactory(action=action, status=Status.BLOCKED, summary="Third month.", created_at=now)
    status_update_hide(update=second, actor=staff, reason="Posted on the wrong action")

    response = client_for(member).get(detail_url(action))

    content = response.content.decode()
    assert [update.pk for update in response.context["timeline"]][-1] == first.pk
    assert content.index("Third month.") < content.index("First month.")
    assert "Hidden by the secretariat: Posted on the wrong action" in content
    assert "Embarrassing typo here." not in content
    assert "3 status updates" in content


def test_form_starts_from_the_last_visible_update(client_for, lead, action):
    StatusUpdateFactory(
        action=action,
        status=Status.BLOCKED,
        summary="Blocked on data.",
        blockers="No data from the provinces.",
        asks="Ask the provinces.",
        next_steps="Write to them.",
        evidence_links=["https://example.ca/a", "https://example.ca/b"],
    )
    action.refresh_from_db()

    response = client_for(lead).get(detail_url(action))

    form = response.context["form"]
    assert form["status"].value() == Status.BLOCKED
    assert form["percent_done"].value() == 20
    assert form["summary"].value() is None
    assert form["blockers"].value() == "No data from the provinces."
    assert form["asks"].value() == "Ask the provinces."
    assert form["next_steps"].value() == "Write to them."
    assert form["evidence_links"].value() == "https://example.ca/a\nhttps://example.ca/b"
    assert form["version"].value() == action.version


def test_form_of_an_action_without_updates_starts_not_started(client_for, lead, action):
    response = client_for(lead).get(detail_url(action))

    form = response.context["form"]
    assert (form["status"].value(), form["percent_done"].value(), form["version"].value()) == (
        Status.NOT_STARTED,
        0,
        1,
    )
    assert "No status update yet." in response.content.decode()


def test_overdue_and_due_actions_say_so_in_words(client_for, member, action):
    action.target_date = timezone.localdate() - timedelta(days=1)
    action.start_date = timezone.localdate() - timedelta(days=100)
    action.next_update_due_on = timezone.localdate()
    action.save()

    content = client_for(member).get(detail_url(action)).content.decode()

    assert "Overdue" in content
    assert "Update due" in content


def test_evidence_that_is_not_a_web_address_is_not_a_link(client_for, member, action):
    StatusUpdateFactory(action=action, evidence_links=["javascript:alert(1)"])

    content = client_for(member).get(detail_url(action)).content.decode()

    assert 'href="javascript:alert(1)"' not in content
    assert "javascript:alert(1)" in content


@pytest.mark.parametrize("updates", [3, 30])
def test_page_runs_a_fixed_number_of_queries(
    client_for, lead, action, updates, staff, django_assert_max_num_queries
):
    for number in range(updates):
        update = StatusUpdateFactory(action=action, evidence_links=["https://example.ca/x"])
        if number % 3 == 0:
            status_update_hide(update=update, actor=staff, reason="Duplicate")
    client = client_for(lead)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = client.get(detail_url(action))

    assert len(response.context["timeline"]) == updates
