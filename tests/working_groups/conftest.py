"""Fixtures for the working-group tests: people in `group` beyond its lead, a pending join request,
and a builder of many organizations whose people fill the groups (for query counts)."""

import pytest

from apps.organizations.models import Membership, Organization
from apps.working_groups.models import GroupMembership
from tests.factories import (
    GroupMembershipFactory,
    JoinRequestFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    WorkingGroupFactory,
)


@pytest.fixture
def group_member(group, organization, contact):
    """Gus, a member (not a lead) of `group`, at Northern Cells."""
    user = UserFactory(full_name="Gus Groupmember", email="gus@northern-cells.ca")
    MembershipFactory(user=user, organization=organization)
    GroupMembershipFactory(group=group, user=user, role=GroupMembership.Role.MEMBER)
    return user


@pytest.fixture
def join_request(group, member):
    """Mo Member's pending request to join `group`."""
    return JoinRequestFactory(group=group, user=member, message="I run our financing file.")


@pytest.fixture
def populate(db):
    """`populate(count, group)` adds `count` organizations, each with a lead or member of `group`
    and of a few other groups, a pending requester and (every fifth) a suspended twin, so every
    kind of row the group pages read grows with `count`."""

    def build(count, group):
        other_groups = [WorkingGroupFactory() for _ in range(max(2, count // 20))]
        for index in range(count):
            organization = OrganizationFactory()
            person = UserFactory()
            MembershipFactory(user=person, organization=organization, role=Membership.Role.CONTACT)
            role = GroupMembership.Role.LEAD if index % 50 == 0 else GroupMembership.Role.MEMBER
            GroupMembershipFactory(group=group, user=person, role=role)
            GroupMembershipFactory(group=other_groups[index % len(other_groups)], user=person, role=role)
            requester = UserFactory()
            MembershipFactory(user=requester, organization=organization)
            JoinRequestFactory(group=group, user=requester)
            if index % 5 == 0:
                suspended = OrganizationFactory(membership_status=Organization.Status.SUSPENDED)
                gone = UserFactory()
                MembershipFactory(user=gone, organization=suspended)
                GroupMembershipFactory(group=group, user=gone)
        return other_groups

    return build
