"""The people page of an organization: who belongs, deactivated people to hand over, invitations."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.organizations.models import Membership
from tests.factories import GroupMembershipFactory, InvitationFactory, MembershipFactory, OrganizationFactory
from tests.organizations.people_helpers import add_person, assert_kept_out, person_for


def people_url(organization) -> str:
    return reverse("organizations:people", kwargs={"slug": organization.slug})


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("suspended_member", 302),
        ("member", 403),
        ("lead", 403),
        ("outsider", 403),
        ("contact", 200),
        ("staff", 200),
    ],
)
def test_people_page_is_for_contacts_and_staff(role, expected, request, client_for, organization, member):
    user = person_for(request, role)

    response = client_for(user).get(people_url(organization))

    assert response.status_code == expected
    if expected == 302:
        assert_kept_out(response, role, people_url(organization))


def test_people_page_lists_active_people_with_their_role_contacts_first(
    client_for, contact, member, organization
):
    add_person(organization, full_name="Aaron Early", job_title="Chemist")

    response = client_for(contact).get(people_url(organization))

    rows = response.context["rows"]
    assert [(row.person.full_name, row.membership.role) for row in rows] == [
        ("Carla Contact", "contact"),
        ("Aaron Early", "member"),
        ("Mo Member", "member"),
    ]
    html = response.content.decode()
    assert "Chemist" in html
    assert "The only active contact" in html


def test_only_contact_has_no_demote_or_remove_button(client_for, contact, member, organization):
    response = client_for(contact).get(people_url(organization))

    html = response.content.decode()
    contact_membership = Membership.objects.get(user=contact)
    member_membership = Membership.objects.get(user=member)
    assert (
        reverse("organizations:membership_remove", args=[organization.slug, contact_membership.pk])
        not in html
    )
    assert reverse("organizations:membership_remove", args=[organization.slug, member_membership.pk]) in html
    assert "Make member" not in html
    assert "Make contact" in html


def test_deactivated_people_are_listed_apart_with_a_handover_link(client_for, contact, organization):
    gone, _ = add_person(organization, full_name="Gina Gone", is_active=False, deactivated_at=timezone.now())

    response = client_for(contact).get(people_url(organization))

    assert [row.person for row in response.context["rows"]] == [contact]
    html = response.content.decode()
    assert "Deactivated, to hand over" in html
    assert "Gina Gone" in html
    assert reverse("organizations:person_handover", args=[organization.slug, gone.pk]) in html


def test_invitations_waiting_are_listed_with_resend_and_revoke(
    client_for, contact, organization, other_organization
):
    waiting = InvitationFactory(organization=organization, email="new@northern-cells.ca", invited_by=contact)
    expired = InvitationFactory(
        organization=organization,
        email="late@northern-cells.ca",
        expires_at=timezone.now() - timedelta(days=1),
    )
    InvitationFactory(organization=organization, email="done@northern-cells.ca", accepted_at=timezone.now())
    InvitationFactory(organization=organization, email="off@northern-cells.ca", revoked_at=timezone.now())
    InvitationFactory(organization=other_organization, email="elsewhere@prairie.ca")

    response = client_for(contact).get(people_url(organization))

    assert {invitation.email for invitation in response.context["invitations"]} == {
        waiting.email,
        expired.email,
    }
    html = response.content.decode()
    assert reverse("organizations:invitation_resend", args=[organization.slug, waiting.pk]) in html
    assert reverse("organizations:invitation_revoke", args=[organization.slug, waiting.pk]) in html
    assert "Expired" in html
    assert "elsewhere@prairie.ca" not in html


@pytest.mark.parametrize(("role", "sees_deactivate"), [("contact", True), ("staff", True)])
def test_deactivate_link_shows_only_where_allowed(
    role, sees_deactivate, request, client_for, organization, member
):
    user = person_for(request, role)
    shared, _ = add_person(organization, full_name="Sasha Shared")
    MembershipFactory(user=shared, organization=OrganizationFactory(name="Elsewhere Inc."))

    html = client_for(user).get(people_url(organization)).content.decode()

    assert reverse("organizations:person_deactivate", args=[organization.slug, member.pk]) in html
    shared_link = reverse("organizations:person_deactivate", args=[organization.slug, shared.pk])
    # A contact does not speak for Elsewhere Inc.; the secretariat does.
    assert (shared_link in html) is (role == "staff")


@pytest.mark.parametrize("people", [3, 40])
def test_people_page_runs_a_fixed_number_of_queries(
    people, client_for, contact, organization, group, django_assert_max_num_queries
):
    for index in range(people):
        user, _ = add_person(organization, role="contact" if index % 4 == 0 else "member")
        MembershipFactory(user=user, organization=OrganizationFactory())
        GroupMembershipFactory(group=group, user=user)
        add_person(organization, is_active=False)
        InvitationFactory(organization=organization, invited_by=user)
    client = client_for(contact)

    with django_assert_max_num_queries(10):
        response = client.get(people_url(organization))

    assert response.status_code == 200
    assert len(response.context["rows"]) == people + 1
