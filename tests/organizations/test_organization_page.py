"""An organization's page: profile, active people (contacts first), working groups; members only."""

import pytest
from django.urls import reverse

from apps.organizations.models import Membership, Organization, ValueChainSegment
from apps.working_groups.models import GroupMembership
from tests.factories import GroupMembershipFactory, OrganizationFactory, UserFactory, WorkingGroupFactory
from tests.organizations.people_helpers import ROLES, add_person, assert_kept_out, person_for


def detail_url(organization) -> str:
    return reverse("organizations:detail", kwargs={"slug": organization.slug})


@pytest.mark.parametrize("role", ROLES)
def test_organization_page_is_for_portal_members(role, request, client_for, organization):
    user = person_for(request, role)

    response = client_for(user).get(detail_url(organization))

    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role, detail_url(organization))
    else:
        assert response.status_code == 200
        assert "<h1>Northern Cells Inc.</h1>" in response.content.decode()


@pytest.mark.parametrize("status", [Organization.Status.SUSPENDED, Organization.Status.LAPSED])
def test_suspended_or_lapsed_organization_is_not_found_except_by_staff(status, client_for, member, staff):
    dormant = OrganizationFactory(name="Dormant Cells", membership_status=status)
    # Even its own people, when they also belong to an active organization, do not see it.
    Membership.objects.create(user=member, organization=dormant, role=Membership.Role.CONTACT)

    assert client_for(member).get(detail_url(dormant)).status_code == 404
    staff_response = client_for(staff).get(detail_url(dormant))
    assert staff_response.status_code == 200
    assert str(Organization.Status(status).label) in staff_response.content.decode()


def test_unknown_organization_is_not_found(client_for, member):
    assert client_for(member).get(reverse("organizations:detail", kwargs={"slug": "nope"})).status_code == 404


def test_page_shows_the_profile(client_for, member, organization):
    organization.city = "Bécancour"
    organization.website = "https://northern-cells.example"
    organization.description = "We make cells.\n\nAnd packs."
    organization.save()
    organization.segments.set([ValueChainSegment.objects.get(code="downstream")])

    html = client_for(member).get(detail_url(organization)).content.decode()

    for text in ("Industry", "Ontario", "Bécancour", "https://northern-cells.example", "<p>And packs.</p>"):
        assert text in html
    assert ValueChainSegment.objects.get(code="downstream").name in html
    assert "Member since" in html


def test_people_are_listed_active_only_with_contacts_first(client_for, member, contact, organization):
    add_person(organization, full_name="Aaron Early", email="aaron@northern-cells.ca")
    add_person(organization, full_name="Gone Person", email="gone@northern-cells.ca", is_active=False)
    add_person(organization, full_name="Zed Contact", role=Membership.Role.CONTACT)

    response = client_for(member).get(detail_url(organization))

    people = [membership.user.full_name for membership in response.context["memberships"]]
    assert people == ["Carla Contact", "Zed Contact", "Aaron Early", "Mo Member"]
    assert "Gone Person" not in response.content.decode()
    assert "Organization contact" in response.content.decode()


def test_page_lists_the_working_groups_its_active_people_belong_to(
    client_for, member, lead, group, other_group, organization
):
    GroupMembershipFactory(group=group, user=member)
    retired_group = WorkingGroupFactory(name="Retired Group", is_active=False)
    GroupMembershipFactory(group=retired_group, user=member)
    gone = add_person(organization, is_active=False)[0]
    GroupMembershipFactory(group=WorkingGroupFactory(name="Only The Departed"), user=gone)

    response = client_for(member).get(detail_url(organization))

    groups = response.context["working_groups"]
    assert [(g.name, g.people_from_organization) for g in groups] == [("Financing", 2)]
    assert "2 people from this organization" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "sees_buttons"),
    [("member", False), ("lead", False), ("outsider", False), ("contact", True), ("staff", True)],
)
def test_edit_and_manage_buttons_only_for_those_allowed(
    role, sees_buttons, request, client_for, organization
):
    user = person_for(request, role)

    html = client_for(user).get(detail_url(organization)).content.decode()

    assert ("Edit profile" in html) is sees_buttons
    assert ("Manage people" in html) is sees_buttons


@pytest.mark.parametrize("people", [3, 40])
def test_organization_page_runs_a_fixed_number_of_queries(
    people, client_for, member, organization, django_assert_max_num_queries
):
    groups = [WorkingGroupFactory() for _ in range(4)]
    organization.segments.set(ValueChainSegment.objects.all())
    for index in range(people):
        user, _membership = add_person(
            organization, role=Membership.Role.CONTACT if index % 5 == 0 else "member"
        )
        GroupMembershipFactory(
            group=groups[index % len(groups)],
            user=user,
            role=GroupMembership.Role.LEAD if index % 7 == 0 else GroupMembership.Role.MEMBER,
        )
    UserFactory.create_batch(3)
    client = client_for(member)

    with django_assert_max_num_queries(8):
        response = client.get(detail_url(organization))

    assert response.status_code == 200
    assert len(response.context["memberships"]) == people + 2
