"""Fixtures of the roadmap tests.

`action` is FIN-1 in the Financial Ecosystem area, owned by `group` (Financing, led by `lead`),
with `owner` as its owner person and `organization` as a lead organization.
"""

import pytest

from apps.working_groups.models import GroupMembership
from tests.factories import GroupMembershipFactory, MembershipFactory, UserFactory
from tests.roadmap.factories import ActionFactory, AreaFactory, PillarFactory


@pytest.fixture
def pillar(db):
    return PillarFactory(name="Innovation Infrastructure", position=1)


@pytest.fixture
def area(pillar):
    return AreaFactory(
        pillar=pillar,
        code="FIN",
        name="Financial Ecosystem",
        goal="$3B invested in battery innovation through public and private funding.",
        position=1,
    )


@pytest.fixture
def owner(group, organization, contact):
    """A member of the Financing group who owns `action` (not a lead)."""
    user = UserFactory(full_name="Olive Owner", email="olive@northern-cells.ca")
    MembershipFactory(user=user, organization=organization)
    GroupMembershipFactory(group=group, user=user, role=GroupMembership.Role.MEMBER)
    return user


@pytest.fixture
def action(area, group, owner, organization):
    return ActionFactory(
        code="FIN-1",
        area=area,
        title="Align and focus existing funding mechanisms",
        description="Map the programs and align them with the sector's needs.",
        working_group=group,
        owner=owner,
        lead_organizations=[organization],
    )
