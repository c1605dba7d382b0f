"""Fixtures for the people and sign-in tests: invitations in each state, and their links."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Invitation
from apps.organizations.models import Membership
from tests.accounts.factories import InvitationFactory
from tests.factories import (
    GroupMembershipFactory,
    MembershipFactory,
    OrganizationFactory,
    WorkingGroupFactory,
)

SIGN_IN_URL = reverse("accounts:login")


@pytest.fixture
def invitation(organization, contact):
    """A pending invitation from Carla Contact for a newcomer to join Northern Cells as a member."""
    return InvitationFactory(
        organization=organization,
        invited_by=contact,
        email="nina@northern-cells.ca",
        full_name="Nina Newcomer",
        role=Invitation.Role.MEMBER,
    )


@pytest.fixture
def expired_invitation(organization, contact):
    return InvitationFactory(
        organization=organization,
        invited_by=contact,
        email="late@northern-cells.ca",
        expires_at=timezone.now() - timedelta(minutes=1),
    )


def accept_url(invitation) -> str:
    return reverse("accounts:invitation_accept", kwargs={"token": invitation.token})


def sign_in_redirect(next_url: str) -> str:
    return f"{SIGN_IN_URL}?next={next_url}"


def add_memberships(person, count):
    """Make `person` a contact of `count` more organizations and a member of `count` more groups."""
    for index in range(count):
        organization = OrganizationFactory(name=f"Member organization {index}")
        MembershipFactory(user=person, organization=organization, role=Membership.Role.CONTACT)
        GroupMembershipFactory(group=WorkingGroupFactory(name=f"Group {index}"), user=person)
