"""Deactivating a person who has left: who may, what it refuses, and what the person loses."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from apps.accounts.models import User
from apps.core.errors import DomainError
from apps.organizations.models import Membership
from apps.organizations.services.people import person_deactivate
from apps.working_groups.models import GroupMembership
from tests.factories import MembershipFactory, OrganizationFactory
from tests.organizations.people_helpers import (
    ROLES,
    add_person,
    assert_kept_out,
    membership_of,
    person_for,
)


def deactivate_url(organization, person) -> str:
    return reverse("organizations:person_deactivate", args=[organization.slug, person.pk])


def handover_url(organization, person) -> str:
    return reverse("organizations:person_handover", args=[organization.slug, person.pk])


def can_sign_in(person, password) -> bool:
    request = RequestFactory().post(reverse("accounts:login"))
    return authenticate(request, username=person.email, password=password) is not None


@pytest.fixture
def leaver(organization, group):
    person, _membership = add_person(organization, full_name="Lee Leaver", email="lee@northern-cells.ca")
    GroupMembership.objects.create(group=group, user=person, role=GroupMembership.Role.LEAD)
    return person


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
def test_confirmation_page_access(role, expected, request, client_for, organization, leaver):
    user = person_for(request, role)

    response = client_for(user).get(deactivate_url(organization, leaver))

    assert response.status_code == expected
    if expected == 302:
        assert_kept_out(response, role, deactivate_url(organization, leaver))
    if expected == 200:
        html = response.content.decode()
        assert "Deactivate Lee Leaver" in html
        assert "Working groups they lead" in html
        assert "Financing" in html


@pytest.mark.parametrize("role", ROLES)
def test_only_contacts_and_staff_deactivate(role, request, client_for, organization, leaver):
    user = person_for(request, role)

    response = client_for(user).post(deactivate_url(organization, leaver))

    leaver.refresh_from_db()
    if role in ("contact", "staff"):
        assert response.status_code == 302
        assert response["Location"] == handover_url(organization, leaver)
        assert leaver.is_active is False
        assert leaver.deactivated_by == user
        assert leaver.deactivated_at is not None
    else:
        assert response.status_code in (302, 403)
        assert leaver.is_active is True
        assert leaver.deactivated_at is None


def test_deactivated_person_cannot_sign_in_and_their_session_ends(client_for, contact, leaver, password):
    leaver_client = client_for(leaver)
    assert can_sign_in(leaver, password)

    client_for(contact).post(deactivate_url(leaver.memberships.get().organization, leaver))

    assert not can_sign_in(leaver, password)
    directory = reverse("organizations:directory")
    response = leaver_client.get(directory)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_memberships_and_group_roles_are_kept_as_records(client_for, contact, organization, group, leaver):
    client_for(contact).post(deactivate_url(organization, leaver))

    assert Membership.objects.filter(user=leaver, organization=organization).exists()
    assert GroupMembership.objects.filter(user=leaver, group=group, role="lead").exists()


def test_deactivated_person_disappears_from_lists_and_waits_for_handover(
    client_for, contact, member, organization, leaver
):
    client_for(contact).post(deactivate_url(organization, leaver))

    page = client_for(member).get(organization.get_absolute_url())
    assert "Lee Leaver" not in page.content.decode()
    people = client_for(contact).get(reverse("organizations:people", args=[organization.slug]))
    assert leaver not in [row.person for row in people.context["rows"]]
    assert [membership.user for membership in people.context["deactivated"]] == [leaver]
    assert handover_url(organization, leaver) in people.content.decode()


def test_contact_cannot_deactivate_someone_who_also_belongs_elsewhere(
    client_for, contact, organization, leaver
):
    MembershipFactory(user=leaver, organization=OrganizationFactory(name="Elsewhere Inc."))

    page = client_for(contact).get(deactivate_url(organization, leaver))
    response = client_for(contact).post(deactivate_url(organization, leaver))

    assert page.status_code == 403
    assert "Lee Leaver also belongs to Elsewhere Inc., where you are not a contact." in page.content.decode()
    assert response.status_code == 403
    leaver.refresh_from_db()
    assert leaver.is_active is True


def test_contact_of_every_organization_of_the_person_may_deactivate(
    client_for, contact, organization, leaver
):
    elsewhere = OrganizationFactory(name="Elsewhere Inc.")
    MembershipFactory(user=leaver, organization=elsewhere)
    MembershipFactory(user=contact, organization=elsewhere, role=Membership.Role.CONTACT)

    response = client_for(contact).post(deactivate_url(organization, leaver))

    assert response.status_code == 302
    leaver.refresh_from_db()
    assert leaver.is_active is False


def test_staff_may_deactivate_a_person_of_several_organizations(client_for, staff, organization, leaver):
    MembershipFactory(user=leaver, organization=OrganizationFactory(name="Elsewhere Inc."))

    response = client_for(staff).post(deactivate_url(organization, leaver))

    assert response.status_code == 302
    leaver.refresh_from_db()
    assert leaver.is_active is False


def test_nobody_deactivates_themselves(client_for, contact, organization):
    add_person(organization, role=Membership.Role.CONTACT)

    response = client_for(contact).post(deactivate_url(organization, contact))

    assert response.status_code == 403
    assert "You cannot deactivate yourself." in response.content.decode()
    contact.refresh_from_db()
    assert contact.is_active is True


def test_staff_cannot_deactivate_themselves_even_through_the_service(staff):
    with pytest.raises(DomainError, match="You cannot deactivate yourself."):
        person_deactivate(person=staff, actor=staff)

    staff.refresh_from_db()
    assert staff.is_active is True


def test_staff_may_deactivate_other_staff_through_the_service(staff):
    colleague = User.objects.create_user(
        "colleague@alliance.ca", "x" * 12, full_name="Col League", is_staff=True
    )

    person_deactivate(person=colleague, actor=staff)

    colleague.refresh_from_db()
    assert (colleague.is_active, colleague.deactivated_by) == (False, staff)


def test_last_active_contact_cannot_be_deactivated(client_for, staff, contact, member, organization):
    response = client_for(staff).post(deactivate_url(organization, contact))

    assert response.status_code == 400
    assert "Carla Contact is the only active contact of Northern Cells Inc.: make someone else" in (
        response.content.decode()
    )
    contact.refresh_from_db()
    assert contact.is_active is True


def test_last_contact_of_another_active_organization_cannot_be_deactivated(
    client_for, staff, organization, leaver
):
    elsewhere = OrganizationFactory(name="Elsewhere Inc.")
    MembershipFactory(user=leaver, organization=elsewhere, role=Membership.Role.CONTACT)

    response = client_for(staff).post(deactivate_url(organization, leaver))

    assert response.status_code == 400
    assert "Lee Leaver is the only active contact of Elsewhere Inc." in response.content.decode()
    leaver.refresh_from_db()
    assert leaver.is_active is True


def test_contact_may_be_deactivated_when_another_active_contact_remains(client_for, contact, organization):
    second, _ = add_person(organization, role=Membership.Role.CONTACT)

    response = client_for(contact).post(deactivate_url(organization, second))

    assert response.status_code == 302
    second.refresh_from_db()
    assert second.is_active is False


def test_contact_cannot_deactivate_staff(contact, organization):
    staff_in_organization, _ = add_person(organization, is_staff=True)

    with pytest.raises(DomainError):
        person_deactivate(person=staff_in_organization, actor=contact)

    staff_in_organization.refresh_from_db()
    assert staff_in_organization.is_active is True


def test_person_outside_the_organization_is_not_found(client_for, contact, outsider, organization):
    response = client_for(contact).post(deactivate_url(organization, outsider))

    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active is True


def test_someone_already_deactivated_goes_to_the_handover_page(client_for, contact, organization, leaver):
    person_deactivate(person=leaver, actor=contact)

    response = client_for(contact).post(deactivate_url(organization, leaver))

    assert response.status_code == 302
    assert response["Location"] == handover_url(organization, leaver)


def test_deactivation_is_recorded_in_history_with_who_did_it(contact, leaver):
    person_deactivate(person=leaver, actor=contact)

    latest = leaver.history.latest()
    assert (latest.is_active, latest.history_user) == (False, contact)


def test_deactivation_keeps_the_last_contact_of_a_suspended_organization_a_record(staff, suspended_member):
    person_deactivate(person=suspended_member, actor=staff)

    suspended_member.refresh_from_db()
    assert suspended_member.is_active is False
    assert membership_of(suspended_member, suspended_member.memberships.get().organization).is_contact
