"""The home page: a landing page for visitors, a member's own page for members."""

import pytest
from django.urls import reverse

from apps.organizations.models import Membership, Organization
from apps.working_groups.models import GroupMembership
from tests.accounts.conftest import add_memberships
from tests.factories import (
    GroupMembershipFactory,
    MembershipFactory,
    OrganizationFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

HOME_URL = reverse("home")
# Session, person, membership; the visit; organizations, groups; roadmap actions, latest updates.
HOME_QUERIES = 8


def test_visitor_sees_the_landing_page_with_apply_and_sign_in(client_for):
    response = client_for(None).get(HOME_URL)

    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == "landing.html"
    content = response.content.decode()
    assert f'href="{reverse("organizations:apply")}"' in content
    assert f'href="{reverse("accounts:login")}"' in content
    assert "Canadian Battery Innovation Roadmap" in content
    assert content.count("<h1>") == 1


def test_person_of_suspended_organization_goes_to_membership_status(client_for, suspended_member):
    response = client_for(suspended_member).get(HOME_URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:membership_status")


def test_signed_in_person_without_organization_goes_to_membership_status(client_for):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get(HOME_URL)

    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:membership_status")


def test_member_sees_organizations_and_groups_with_roles(client_for, member, group, other_group):
    GroupMembershipFactory(group=group, user=member, role=GroupMembership.Role.MEMBER)
    GroupMembershipFactory(group=other_group, user=member, role=GroupMembership.Role.LEAD)

    response = client_for(member).get(HOME_URL)

    assert response.status_code == 200
    assert [(m.organization.name, can_manage) for m, can_manage in response.context["organization_rows"]] == [
        ("Northern Cells Inc.", False)
    ]
    assert [(g.group.name, g.role) for g in response.context["group_memberships"]] == [
        ("Financing", "member"),
        ("Skills", "lead"),
    ]
    content = response.content.decode()
    assert reverse("working_groups:detail", kwargs={"slug": "financing"}) in content
    assert reverse("working_groups:detail", kwargs={"slug": "skills"}) in content
    assert "Manage people" not in content
    assert "What&#x27;s next" in content or "What's next" in content


def test_contact_sees_manage_people_for_their_organization(client_for, contact, organization):
    response = client_for(contact).get(HOME_URL)

    content = response.content.decode()
    assert "Manage people" in content
    assert reverse("organizations:people", kwargs={"slug": organization.slug}) in content


def test_contact_of_a_suspended_organization_gets_no_manage_link_for_it(client_for, contact):
    suspended = OrganizationFactory(name="Sleepy Cells", membership_status=Organization.Status.SUSPENDED)
    MembershipFactory(user=contact, organization=suspended, role=Membership.Role.CONTACT)

    response = client_for(contact).get(HOME_URL)

    content = response.content.decode()
    assert reverse("organizations:people", kwargs={"slug": suspended.slug}) not in content
    assert "Sleepy Cells" in content
    assert "Suspended" in content


def test_inactive_group_is_not_listed(client_for, member):
    GroupMembershipFactory(group=WorkingGroupFactory(name="Closed group", is_active=False), user=member)

    response = client_for(member).get(HOME_URL)

    assert list(response.context["group_memberships"]) == []


def test_staff_without_organization_see_their_home(client_for, staff):
    response = client_for(staff).get(HOME_URL)

    assert response.status_code == 200
    assert reverse("admin:index") in response.content.decode()


@pytest.mark.parametrize("organizations", [5, 200])
def test_home_runs_a_fixed_number_of_queries(
    client_for, member, organizations, django_assert_max_num_queries
):
    add_memberships(member, organizations)
    client = client_for(member)

    with django_assert_max_num_queries(HOME_QUERIES):
        response = client.get(HOME_URL)

    assert len(response.context["organization_rows"]) == organizations + 1
    assert response.content.decode().count("Manage people") == organizations
