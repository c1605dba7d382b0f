"""The secretariat's admin for working groups: groups with leads and members, join requests, and
the front page's count of requests no lead has answered for a week."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.working_groups.models import GroupMembership, JoinRequest, WorkingGroup
from tests.factories import GroupMembershipFactory, JoinRequestFactory, UserFactory, WorkingGroupFactory

GROUPS_URL = reverse("admin:working_groups_workinggroup_changelist")
GROUP_ADD_URL = reverse("admin:working_groups_workinggroup_add")
MEMBERSHIPS_URL = reverse("admin:working_groups_groupmembership_changelist")
REQUESTS_URL = reverse("admin:working_groups_joinrequest_changelist")
WAITING_LABEL = "Join requests waiting more than a week"


def make_old(join_request, days):
    JoinRequest.objects.filter(pk=join_request.pk).update(created_at=timezone.now() - timedelta(days=days))


@pytest.mark.parametrize("role", [None, "member", "lead", "suspended_member"])
@pytest.mark.parametrize("url", [GROUPS_URL, MEMBERSHIPS_URL, REQUESTS_URL])
def test_people_who_are_not_staff_are_sent_away(request, client_for, role, url):
    person = request.getfixturevalue(role) if role else None

    response = client_for(person).get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_group_list_shows_leads_member_counts_and_pending_requests(
    client_for, staff, lead, group, other_group
):
    GroupMembershipFactory(group=group)
    JoinRequestFactory(group=group)
    JoinRequestFactory(group=group, status=JoinRequest.Status.DECLINED)

    response = client_for(staff).get(GROUPS_URL)

    assert response.status_code == 200
    rows = {group.name: group for group in response.context["cl"].result_list}
    assert (rows["Financing"].member_count, rows["Financing"].pending_request_count) == (2, 1)
    assert (rows["Skills"].member_count, rows["Skills"].pending_request_count) == (0, 0)
    html = response.content.decode()
    assert "Lea Lead" in html


@pytest.mark.parametrize("groups", [3, 40])
def test_group_list_runs_a_fixed_number_of_queries(client_for, staff, groups, django_assert_max_num_queries):
    for _ in range(groups):
        working_group = WorkingGroupFactory()
        GroupMembershipFactory(group=working_group, role=GroupMembership.Role.LEAD)
        GroupMembershipFactory(group=working_group)
        JoinRequestFactory(group=working_group)
    client = client_for(staff)

    with django_assert_max_num_queries(10):
        response = client.get(GROUPS_URL)

    assert response.status_code == 200


@pytest.mark.parametrize("url", [MEMBERSHIPS_URL, REQUESTS_URL])
@pytest.mark.parametrize("rows", [3, 40])
def test_membership_and_request_lists_run_a_fixed_number_of_queries(
    client_for, staff, group, url, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        GroupMembershipFactory(group=group)
        JoinRequestFactory(group=group, decided_by=UserFactory(), status=JoinRequest.Status.DECLINED)
    client = client_for(staff)

    with django_assert_max_num_queries(12):
        response = client.get(url)

    assert response.status_code == 200


def test_staff_create_a_group_and_name_its_lead(client_for, staff, member):
    response = client_for(staff).post(
        GROUP_ADD_URL,
        {
            "name_en": "Critical Minerals",
            "name_fr": "Minéraux critiques",
            "slug": "critical-minerals",
            "summary_en": "Upstream supply.",
            "charter_en": "Purpose\nSecure supply.",
            "is_active": "on",
            "group_memberships-TOTAL_FORMS": "1",
            "group_memberships-INITIAL_FORMS": "0",
            "group_memberships-MIN_NUM_FORMS": "0",
            "group_memberships-MAX_NUM_FORMS": "1000",
            "group_memberships-0-user": str(member.pk),
            "group_memberships-0-role": "lead",
        },
    )

    assert response.status_code == 302
    created = WorkingGroup.objects.get(slug="critical-minerals")
    assert list(created.group_memberships.values_list("user__email", "role")) == [
        ("mo@northern-cells.ca", "lead")
    ]
    assert created.history.get().history_user == staff


def test_add_page_prepopulates_the_slug_and_looks_people_up(client_for, staff):
    response = client_for(staff).get(GROUP_ADD_URL)

    assert response.status_code == 200
    assert '"dependency_list": ["name_en"]' in response.context["prepopulated_fields_json"]
    assert 'id="id_group_memberships-0-user" class="admin-autocomplete"' in response.content.decode()


def test_group_history_shows_charter_changes(client_for, staff, lead, group):
    client_for(lead).post(
        reverse("working_groups:edit", args=[group.slug]),
        {"version": 1, "summary_en": "New", "charter_en": "New"},
    )

    response = client_for(staff).get(reverse("admin:working_groups_workinggroup_history", args=[group.pk]))

    assert response.status_code == 200
    assert "Lea Lead" in response.content.decode()


def test_memberships_filter_by_group_and_role(client_for, staff, lead, other_lead, group):
    GroupMembershipFactory(group=group)

    response = client_for(staff).get(MEMBERSHIPS_URL, {"group__id__exact": group.pk, "role__exact": "lead"})

    assert [membership.user for membership in response.context["cl"].result_list] == [lead]


def test_admin_approves_selected_requests_through_the_service(
    client_for, staff, join_request, group, django_capture_on_commit_callbacks
):
    decided = JoinRequestFactory(group=group, status=JoinRequest.Status.DECLINED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            REQUESTS_URL,
            {"action": "approve_selected", "_selected_action": [join_request.pk, decided.pk]},
            follow=True,
        )

    join_request.refresh_from_db()
    decided.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == staff
    assert decided.status == JoinRequest.Status.DECLINED
    assert GroupMembership.objects.filter(group=group, user=join_request.user).exists()
    assert [message.to for message in mail.outbox] == [["mo@northern-cells.ca"]]
    texts = [str(message) for message in response.context["messages"]]
    assert "1 request decided." in texts
    assert any("This request was already decided." in text for text in texts)


def test_admin_declines_selected_requests(client_for, staff, join_request):
    client_for(staff).post(
        REQUESTS_URL, {"action": "decline_selected", "_selected_action": [join_request.pk]}
    )

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED


def test_join_requests_cannot_be_edited_or_added_by_hand(client_for, staff, join_request):
    client = client_for(staff)

    assert client.get(reverse("admin:working_groups_joinrequest_add")).status_code == 403
    response = client.post(
        reverse("admin:working_groups_joinrequest_change", args=[join_request.pk]), {"status": "approved"}
    )
    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_front_page_counts_requests_waiting_more_than_a_week(client_for, staff, group):
    old = JoinRequestFactory(group=group)
    make_old(old, days=8)
    make_old(JoinRequestFactory(group=group, status=JoinRequest.Status.DECLINED), days=30)
    JoinRequestFactory(group=group)

    response = client_for(staff).get(reverse("admin:index"))

    items = {item.label: item for item in response.context["waiting_items"]}
    assert items[WAITING_LABEL].count == 1
    assert items[WAITING_LABEL].url == f"{REQUESTS_URL}?waiting=over-a-week"
    listed = client_for(staff).get(items[WAITING_LABEL].url)
    assert [join_request.pk for join_request in listed.context["cl"].result_list] == [old.pk]


def test_front_page_says_nothing_when_no_request_is_old(client_for, staff, group):
    JoinRequestFactory(group=group)

    response = client_for(staff).get(reverse("admin:index"))

    assert WAITING_LABEL not in [item.label for item in response.context["waiting_items"]]
