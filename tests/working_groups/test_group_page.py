"""A group's page: charter, leads and current members, and the buttons each person may use."""

import pytest

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
from tests.working_groups.helpers import ROLES, assert_kept_out, group_url, person_for


@pytest.mark.parametrize("role", ROLES)
def test_group_page_is_for_portal_members_only(role, request, client_for, group, lead):
    user = person_for(request, role)

    response = client_for(user).get(group_url("detail", group))

    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role)
    else:
        assert response.status_code == 200
        assert "<h1>Financing</h1>" in response.content.decode()


def test_unknown_group_is_not_found(client_for, member):
    response = client_for(member).get("/en/groups/no-such-group/")

    assert response.status_code == 404


def test_closed_group_is_hidden_from_members_but_shown_to_staff(client_for, member, staff):
    closed = WorkingGroupFactory(name="Old Taskforce", is_active=False)

    assert client_for(member).get(group_url("detail", closed)).status_code == 404
    response = client_for(staff).get(group_url("detail", closed))
    assert response.status_code == 200
    assert "Closed: only the secretariat sees this group" in response.content.decode()


def test_charter_keeps_its_line_breaks(client_for, member, group):
    group.charter = "Purpose\nFund the sector.\n\nGoal\n$3B <invested>."
    group.save()

    html = client_for(member).get(group_url("detail", group)).content.decode()

    assert "<p>Purpose<br>Fund the sector.</p>" in html
    assert "<p>Goal<br>$3B &lt;invested&gt;.</p>" in html


def test_page_lists_leads_and_members_with_their_organizations(client_for, member, lead, group_member, group):
    html = client_for(member).get(group_url("detail", group)).content.decode()

    assert "Members (2)" in html
    lead_row = html[html.index('<th scope="row">Lea Lead</th>') :].split("</tr>")[0]
    assert "Northern Cells Inc." in lead_row
    assert "Lead" in lead_row
    member_row = html[html.index('<th scope="row">Gus Groupmember</th>') :].split("</tr>")[0]
    assert "Member" in member_row


def test_people_of_suspended_organizations_and_deactivated_people_disappear(
    client_for, member, lead, group, organization
):
    suspended = OrganizationFactory(name="Quiet Cells", membership_status=Organization.Status.SUSPENDED)
    sid = UserFactory(full_name="Sid Suspendedorg")
    MembershipFactory(user=sid, organization=suspended)
    GroupMembershipFactory(group=group, user=sid)
    dee = UserFactory(full_name="Dee Deactivated", is_active=False)
    MembershipFactory(user=dee, organization=organization)
    GroupMembershipFactory(group=group, user=dee)
    # Someone in both an active and a suspended organization stays, under the active one only.
    both = UserFactory(full_name="Bo Both")
    MembershipFactory(user=both, organization=organization)
    MembershipFactory(user=both, organization=suspended)
    GroupMembershipFactory(group=group, user=both)

    response = client_for(member).get(group_url("detail", group))

    html = response.content.decode()
    assert [m.user.full_name for m in response.context["memberships"]] == ["Lea Lead", "Bo Both"]
    assert "Sid Suspendedorg" not in html
    assert "Dee Deactivated" not in html
    assert "Quiet Cells" not in html


def test_member_outside_the_group_sees_ask_to_join_only(client_for, member, lead, group):
    response = client_for(member).get(group_url("detail", group))

    html = response.content.decode()
    assert response.context["can_request_to_join"] is True
    assert "Ask to join" in html
    assert group_url("join", group) in html
    assert "Leave group" not in html
    assert "Edit charter" not in html
    assert "Requests to join" not in html
    assert "Add a member" not in html
    assert "/en/groups/financing/members/" not in html


def test_member_with_a_pending_request_sees_it_is_waiting(client_for, member, lead, join_request, group):
    html = client_for(member).get(group_url("detail", group)).content.decode()

    assert "Your request to join is waiting for a lead" in html
    assert group_url("join", group) not in html


def test_group_member_sees_leave_but_no_lead_tools(client_for, group_member, lead, group):
    html = client_for(group_member).get(group_url("detail", group)).content.decode()

    assert "Leave group" in html
    assert "You are a member" in html
    assert group_url("join", group) not in html
    assert "Edit charter" not in html
    assert "Remove" not in html


def test_lead_sees_requests_add_member_remove_and_edit(client_for, lead, group_member, join_request, group):
    html = client_for(lead).get(group_url("detail", group)).content.decode()

    gus = GroupMembership.objects.get(user=group_member)
    lead_membership = GroupMembership.objects.get(user=lead)
    assert "Requests to join (1)" in html
    assert "I run our financing file." in html
    assert group_url("request_decide", group, join_request.pk) in html
    assert "Add a member" in html
    assert "Edit charter" in html
    assert group_url("member_remove", group, gus.pk) in html
    assert group_url("member_remove", group, lead_membership.pk) not in html
    assert "Named by the secretariat" in html


def test_only_lead_cannot_see_leave_but_one_of_two_leads_can(client_for, lead, group, organization):
    assert "Leave group" not in client_for(lead).get(group_url("detail", group)).content.decode()

    second = UserFactory(full_name="Second Lead")
    MembershipFactory(user=second, organization=organization)
    GroupMembershipFactory(group=group, user=second, role=GroupMembership.Role.LEAD)

    assert "Leave group" in client_for(lead).get(group_url("detail", group)).content.decode()


def test_lead_of_another_group_and_staff(client_for, other_lead, staff, lead, join_request, group):
    other_html = client_for(other_lead).get(group_url("detail", group)).content.decode()
    staff_html = client_for(staff).get(group_url("detail", group)).content.decode()

    assert "Requests to join" not in other_html
    assert "Edit charter" not in other_html
    assert "Requests to join (1)" in staff_html
    assert "Edit charter" in staff_html


@pytest.mark.parametrize("organization_count", [5, 200])
@pytest.mark.parametrize("viewer", ["member", "lead"])
def test_group_page_runs_a_fixed_number_of_queries(
    organization_count, viewer, request, populate, client_for, group, lead, django_assert_max_num_queries
):
    populate(organization_count, group)
    JoinRequestFactory(group=group, user=request.getfixturevalue("member"))
    client = client_for(request.getfixturevalue(viewer))

    with django_assert_max_num_queries(8):
        response = client.get(group_url("detail", group))

    assert response.status_code == 200
    assert len(response.context["memberships"]) == organization_count + 1
    if viewer == "lead":
        assert len(response.context["join_requests"]) == organization_count + 1
