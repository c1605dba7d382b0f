"""Members leave a group themselves; the last lead cannot, so no group is left without one."""

import pytest
from django.urls import reverse

from apps.organizations.models import Organization
from apps.working_groups.models import GroupMembership
from tests.factories import GroupMembershipFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.working_groups.helpers import ROLES, assert_kept_out, group_url, messages_of, person_for


def in_group(group, user) -> bool:
    return GroupMembership.objects.filter(group=group, user=user).exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_leave(role, request, client_for, lead, group):
    user = person_for(request, role)

    response = client_for(user).post(group_url("leave", group))

    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role)
    elif role == "lead":
        assert response.status_code == 400
        assert messages_of(response) == [
            "You are this group's only lead. Ask the secretariat to name another lead first."
        ]
        assert in_group(group, lead)
    else:
        assert response.status_code == 400
        assert messages_of(response) == ["You are not in this group."]
    assert GroupMembership.objects.filter(group=group).count() == 1


def test_member_leaves(client_for, group_member, lead, group):
    response = client_for(group_member).post(group_url("leave", group), follow=True)

    assert response.redirect_chain == [(reverse("working_groups:list"), 302)]
    assert messages_of(response) == ["You left Financing."]
    assert not in_group(group, group_member)
    assert in_group(group, lead)


def test_a_lead_may_leave_when_another_lead_stays(client_for, lead, group, organization):
    co_lead = UserFactory()
    MembershipFactory(user=co_lead, organization=organization)
    GroupMembershipFactory(group=group, user=co_lead, role=GroupMembership.Role.LEAD)

    response = client_for(lead).post(group_url("leave", group))

    assert response.status_code == 302
    assert not in_group(group, lead)
    assert in_group(group, co_lead)


def test_a_lead_from_a_suspended_organization_does_not_count_as_the_other_lead(client_for, lead, group):
    suspended = OrganizationFactory(membership_status=Organization.Status.SUSPENDED)
    absent_lead = UserFactory()
    MembershipFactory(user=absent_lead, organization=suspended)
    GroupMembershipFactory(group=group, user=absent_lead, role=GroupMembership.Role.LEAD)

    response = client_for(lead).post(group_url("leave", group))

    assert response.status_code == 400
    assert in_group(group, lead)


def test_leave_is_post_only(client_for, group_member, group):
    response = client_for(group_member).get(group_url("leave", group))

    assert response.status_code == 405
    assert in_group(group, group_member)
