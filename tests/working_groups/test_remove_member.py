"""Leads remove members from their group; leads themselves are changed by the secretariat."""

import pytest

from apps.working_groups.models import GroupMembership
from tests.factories import GroupMembershipFactory
from tests.working_groups.helpers import ROLES, assert_kept_out, group_url, messages_of, person_for


@pytest.fixture
def gus_membership(group_member, group):
    return GroupMembership.objects.get(group=group, user=group_member)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_remove_a_member(role, request, client_for, lead, gus_membership, group):
    user = person_for(request, role)

    response = client_for(user).post(group_url("member_remove", group, gus_membership.pk))

    still_there = GroupMembership.objects.filter(pk=gus_membership.pk).exists()
    if role in ("lead", "staff"):
        assert response.status_code == 302
        assert response.url == group_url("detail", group)
        assert not still_there
        return
    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role)
    else:
        assert response.status_code == 403
    assert still_there


def test_removal_is_confirmed(client_for, lead, gus_membership, group):
    response = client_for(lead).post(group_url("member_remove", group, gus_membership.pk), follow=True)

    assert messages_of(response) == ["Gus Groupmember was removed from the group."]
    assert [m.user.full_name for m in response.context["memberships"]] == ["Lea Lead"]


def test_the_group_member_themself_cannot_remove_others(client_for, group_member, lead, group):
    lead_membership = GroupMembership.objects.get(group=group, user=lead)

    response = client_for(group_member).post(group_url("member_remove", group, lead_membership.pk))

    assert response.status_code == 403
    assert GroupMembership.objects.filter(pk=lead_membership.pk).exists()


def test_leads_cannot_be_removed_on_the_page(client_for, lead, staff, group, organization):
    co_lead = GroupMembershipFactory(group=group, role=GroupMembership.Role.LEAD)

    for person in (lead, staff):
        response = client_for(person).post(group_url("member_remove", group, co_lead.pk))

        assert response.status_code == 400
        assert messages_of(response) == [
            "Leads are named and removed by the secretariat; ask them to change a lead."
        ]
    assert GroupMembership.objects.filter(pk=co_lead.pk).exists()


def test_membership_of_another_group_is_not_found(client_for, lead, other_lead, group, other_group):
    other_membership = GroupMembershipFactory(group=other_group)

    response = client_for(lead).post(group_url("member_remove", group, other_membership.pk))

    assert response.status_code == 404
    assert GroupMembership.objects.filter(pk=other_membership.pk).exists()


def test_removing_twice_finds_nothing_the_second_time(client_for, lead, gus_membership, group):
    client = client_for(lead)
    client.post(group_url("member_remove", group, gus_membership.pk))

    response = client.post(group_url("member_remove", group, gus_membership.pk))

    assert response.status_code == 404


def test_remove_is_post_only(client_for, lead, gus_membership, group):
    response = client_for(lead).get(group_url("member_remove", group, gus_membership.pk))

    assert response.status_code == 405
    assert GroupMembership.objects.filter(pk=gus_membership.pk).exists()
