"""The home page's roadmap part: actions to update, the latest updates in one's groups with what is
new since the previous visit marked, and the record of visits."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.services_visits import VISIT_GAP, user_record_home_visit
from apps.roadmap.models import Action, Status
from apps.roadmap.services import status_update_hide
from apps.working_groups.models import GroupMembership
from tests.factories import GroupMembershipFactory
from tests.roadmap.factories import ActionFactory, StatusUpdateFactory
from tests.roadmap.pages_helpers import add_actions

pytestmark = pytest.mark.django_db

HOME_URL = reverse("home")
# Session, person, membership; the visit; organizations, groups; actions to update, latest updates.
HOME_QUERIES = 8


def summaries(response) -> list[str]:
    return [update.summary for update in response.context["latest_updates"]]


def new_summaries(response) -> list[str]:
    return [update.summary for update in response.context["latest_updates"] if update.is_new]


def set_visits(user, *, last, previous=None):
    User.objects.filter(pk=user.pk).update(last_visit_at=last, previous_visit_at=previous)


@pytest.fixture
def member_in_group(member, group):
    GroupMembershipFactory(group=group, user=member, role=GroupMembership.Role.MEMBER)
    return member


def test_member_sees_the_latest_visible_updates_of_their_groups_only(
    client_for, member_in_group, action, other_group, area, staff
):
    now = timezone.now()
    StatusUpdateFactory(action=action, summary="Older news.", created_at=now - timedelta(days=3))
    hidden = StatusUpdateFactory(action=action, summary="Hidden news.", created_at=now - timedelta(days=2))
    StatusUpdateFactory(action=action, summary="Fresh news.", created_at=now - timedelta(days=1))
    StatusUpdateFactory(action=ActionFactory(area=area, working_group=other_group), summary="Skills news.")
    status_update_hide(update=hidden, actor=staff, reason="Duplicate")

    response = client_for(member_in_group).get(HOME_URL)

    assert response.status_code == 200
    assert summaries(response) == ["Fresh news.", "Older news."]
    content = response.content.decode()
    assert "Latest updates in your groups" in content
    assert "Fresh news." in content and "Skills news." not in content and "Hidden news." not in content
    assert f"{action.get_absolute_url()}#update-" in content


def test_updates_since_the_previous_visit_are_marked_new(client_for, member_in_group, action, lead):
    now = timezone.now()
    set_visits(member_in_group, last=now - timedelta(days=2), previous=now - timedelta(days=9))
    StatusUpdateFactory(action=action, author=lead, summary="Before.", created_at=now - timedelta(days=3))
    StatusUpdateFactory(action=action, author=lead, summary="After.", created_at=now - timedelta(days=1))
    StatusUpdateFactory(action=action, author=member_in_group, summary="My own.", created_at=now)

    response = client_for(member_in_group).get(HOME_URL)

    assert new_summaries(response) == ["After."]
    content = response.content.decode()
    assert content.count(">New</span>") == 1
    assert "1 new since your last visit" in content


def test_reloading_the_page_keeps_the_marks(client_for, member_in_group, action, lead):
    set_visits(member_in_group, last=timezone.now() - timedelta(days=2))
    StatusUpdateFactory(
        action=action, author=lead, summary="After.", created_at=timezone.now() - timedelta(days=1)
    )
    client = client_for(member_in_group)

    first = client.get(HOME_URL)
    second = client.get(HOME_URL)

    assert new_summaries(first) == new_summaries(second) == ["After."]


def test_first_visit_marks_everything_new(client_for, member_in_group, action, lead):
    StatusUpdateFactory(action=action, author=lead, summary="Any news.")

    response = client_for(member_in_group).get(HOME_URL)

    assert new_summaries(response) == ["Any news."]
    assert response.context["previous_visit_at"] is None


def test_visit_is_recorded_and_the_previous_one_moves_after_the_gap(member):
    start = timezone.now()

    assert user_record_home_visit(user=member, now=start) is None
    assert user_record_home_visit(user=member, now=start + timedelta(minutes=10)) is None
    later = start + timedelta(minutes=10) + VISIT_GAP + timedelta(seconds=1)
    assert user_record_home_visit(user=member, now=later) == start + timedelta(minutes=10)

    member.refresh_from_db()
    assert (member.last_visit_at, member.previous_visit_at) == (later, start + timedelta(minutes=10))


def test_viewing_home_records_the_visit(client_for, member):
    before = timezone.now()

    client_for(member).get(HOME_URL)

    member.refresh_from_db()
    assert member.last_visit_at >= before
    assert member.previous_visit_at is None


def test_lead_sees_the_actions_to_update_due_first_without_done_ones(client_for, lead, group, area):
    today = timezone.localdate()
    ActionFactory(code="FIN-7", area=area, working_group=group, next_update_due_on=today + timedelta(days=3))
    ActionFactory(
        code="FIN-8",
        area=area,
        working_group=group,
        status=Status.BLOCKED,
        next_update_due_on=today - timedelta(days=1),
    )
    ActionFactory(code="FIN-9", area=area, working_group=group, status=Status.DONE)

    response = client_for(lead).get(HOME_URL)

    assert [action.code for action in response.context["actions_to_update"]] == ["FIN-8", "FIN-7"]
    content = response.content.decode()
    assert "Actions you must update" in content
    assert "Update due" in content
    assert reverse("roadmap:my_actions") in content


def test_member_without_actions_sees_no_actions_section(client_for, member):
    response = client_for(member).get(HOME_URL)

    assert response.context["actions_to_update"] == []
    assert "Actions you must update" not in response.content.decode()
    assert "No status update in your groups yet." in response.content.decode()


@pytest.mark.parametrize("count", [10, 300])
def test_home_runs_a_fixed_number_of_queries_with_many_actions(
    client_for, lead, group, area, count, django_assert_max_num_queries
):
    add_actions(count, updates_each=3, group=group, area=area, owner=lead)
    set_visits(lead, last=timezone.now() - timedelta(days=5))
    client = client_for(lead)

    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get(HOME_URL)

    not_done = Action.objects.exclude(status=Status.DONE).count()
    assert len(response.context["actions_to_update"]) == min(not_done, 10)
    assert len(response.context["latest_updates"]) == 10
