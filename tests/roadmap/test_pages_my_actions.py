"""'My actions': what a lead or owner must keep up to date, due ones first."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.roadmap.models import Status
from tests.roadmap.factories import ActionFactory
from tests.roadmap.pages_helpers import add_actions, login_redirect, user_for

pytestmark = pytest.mark.django_db

MY_ACTIONS_URL = reverse("roadmap:my_actions")
# Session, person, membership; the actions.
MY_ACTIONS_QUERIES = 4


def codes(response) -> list[str]:
    return [action.code for action in response.context["actions"]]


@pytest.fixture
def responsibilities(area, group, other_group, owner):
    """Actions of the Financing group (led by `lead`, one owned by `owner`) and one of Skills."""
    today = timezone.localdate()
    return [
        ActionFactory(
            code="FIN-1", area=area, working_group=group, next_update_due_on=today + timedelta(days=9)
        ),
        ActionFactory(
            code="FIN-2",
            area=area,
            working_group=group,
            owner=owner,
            status=Status.ON_TRACK,
            next_update_due_on=today - timedelta(days=2),
        ),
        ActionFactory(code="FIN-3", area=area, working_group=group, next_update_due_on=today),
        ActionFactory(code="FIN-4", area=area, working_group=group, status=Status.DONE),
        ActionFactory(code="SKL-1", area=area, working_group=other_group, owner=owner),
    ]


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [("anonymous", 302), ("suspended_member", 302), ("member", 200), ("lead", 200), ("staff", 200)],
)
def test_who_sees_my_actions(request, client_for, role, expected_status):
    response = client_for(user_for(request, role)).get(MY_ACTIONS_URL)

    assert response.status_code == expected_status
    if role == "anonymous":
        assert response["Location"] == login_redirect(MY_ACTIONS_URL)
    elif role == "suspended_member":
        assert response["Location"] == reverse("organizations:membership_status")


def test_lead_sees_the_group_actions_due_first_and_done_last(client_for, lead, responsibilities):
    response = client_for(lead).get(MY_ACTIONS_URL)

    assert codes(response) == ["FIN-2", "FIN-3", "FIN-1", "FIN-4"]
    assert response.context["due_count"] == 2
    content = response.content.decode()
    assert "4 actions" in content and "2 updates due" in content
    assert "Lead of Financing" in content
    assert "Done: no update needed" in content


def test_owner_sees_the_actions_they_own_in_any_group(client_for, owner, responsibilities):
    response = client_for(owner).get(MY_ACTIONS_URL)

    assert codes(response) == ["FIN-2", "SKL-1"]
    assert all(action.is_owner and not action.is_lead for action in response.context["actions"])


def test_member_without_responsibilities_sees_an_explanation(client_for, member, responsibilities):
    response = client_for(member).get(MY_ACTIONS_URL)

    assert codes(response) == []
    assert "You own no action and lead no group that owns one." in response.content.decode()


@pytest.mark.parametrize("count", [10, 300])
def test_my_actions_runs_a_fixed_number_of_queries(
    client_for, lead, group, area, count, django_assert_max_num_queries
):
    add_actions(count, updates_each=2, group=group, area=area, owner=lead)
    client = client_for(lead)

    with django_assert_max_num_queries(MY_ACTIONS_QUERIES):
        response = client.get(MY_ACTIONS_URL)

    assert len(response.context["actions"]) == count
