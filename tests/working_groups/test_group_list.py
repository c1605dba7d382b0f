"""The list of working groups: members only, active groups, counts, leads and the viewer's place."""

import pytest
from django.urls import reverse

from apps.organizations.models import Organization
from apps.working_groups.models import GroupMembership
from tests.factories import (
    GroupMembershipFactory,
    JoinRequestFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    WorkingGroupFactory,
)
from tests.working_groups.helpers import ROLES, assert_kept_out, person_for

LIST_URL = reverse("working_groups:list")


def groups_on(response):
    return {group.name: group for group in response.context["groups"]}


@pytest.mark.parametrize("role", ROLES)
def test_group_list_is_for_portal_members_only(role, request, client_for, group, other_group):
    user = person_for(request, role)

    response = client_for(user).get(LIST_URL)

    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role)
    else:
        assert response.status_code == 200
        assert list(groups_on(response)) == ["Financing", "Skills"]


def test_closed_groups_are_not_listed(client_for, member, group):
    WorkingGroupFactory(name="Old Taskforce", is_active=False)

    response = client_for(member).get(LIST_URL)

    assert list(groups_on(response)) == ["Financing"]
    assert "Old Taskforce" not in response.content.decode()


def test_list_shows_summary_member_count_and_lead_names(client_for, member, lead, group_member, group):
    suspended = OrganizationFactory(membership_status=Organization.Status.SUSPENDED)
    gone = UserFactory(full_name="Sid Suspendedorg")
    MembershipFactory(user=gone, organization=suspended)
    GroupMembershipFactory(group=group, user=gone, role=GroupMembership.Role.LEAD)
    deactivated = UserFactory(full_name="Dee Deactivated", is_active=False)
    MembershipFactory(user=deactivated, organization=lead.memberships.get().organization)
    GroupMembershipFactory(group=group, user=deactivated)

    response = client_for(member).get(LIST_URL)

    financing = groups_on(response)["Financing"]
    assert financing.member_count == 2
    assert [membership.user.full_name for membership in financing.lead_memberships] == ["Lea Lead"]
    html = response.content.decode()
    assert "A group of the alliance." in html
    assert "Lea Lead" in html
    assert "Sid Suspendedorg" not in html


def test_list_tells_the_viewer_where_they_stand(client_for, member, group, other_group):
    third = WorkingGroupFactory(name="R&D", slug="research-and-development")
    GroupMembershipFactory(group=group, user=member, role=GroupMembership.Role.LEAD)
    GroupMembershipFactory(group=other_group, user=member)
    JoinRequestFactory(group=third, user=member)
    WorkingGroupFactory(name="Zero Waste")

    response = client_for(member).get(LIST_URL)

    groups = groups_on(response)
    assert groups["Financing"].viewer_role == "lead"
    assert groups["Skills"].viewer_role == "member"
    assert groups["R&D"].viewer_has_pending_request is True
    assert [name for name, group in groups.items() if group.can_request_to_join] == ["Zero Waste"]
    html = response.content.decode()
    assert "You lead this group" in html
    assert "You are a member" in html
    assert "Your request is waiting for a lead" in html
    assert "Ask to join Zero Waste" in html


@pytest.mark.parametrize("organization_count", [5, 200])
def test_list_runs_a_fixed_number_of_queries(
    organization_count, populate, client_for, member, group, django_assert_max_num_queries
):
    populate(organization_count, group)
    client = client_for(member)

    with django_assert_max_num_queries(5):
        response = client.get(LIST_URL)

    assert response.status_code == 200
    assert groups_on(response)["Financing"].member_count == organization_count
