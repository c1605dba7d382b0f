"""Removing a person from an organization, never its last active contact."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.core.errors import DomainError
from apps.organizations.models import Membership, Organization
from apps.organizations.services.people import membership_remove
from apps.working_groups.models import GroupMembership
from tests.factories import MembershipFactory
from tests.organizations.people_helpers import ROLES, add_person, assert_kept_out, membership_of, person_for


def remove_url(membership, organization=None) -> str:
    organization = organization or membership.organization
    return reverse("organizations:membership_remove", args=[organization.slug, membership.pk])


@pytest.mark.parametrize("role", ROLES)
def test_only_contacts_and_staff_remove_a_colleague(
    role, request, client_for, member, organization, django_capture_on_commit_callbacks
):
    user = person_for(request, role)
    colleague, membership = add_person(organization, full_name="Cole League", email="cole@northern-cells.ca")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(remove_url(membership))

    if role in ("contact", "staff"):
        assert response.status_code == 302
        assert response["Location"] == reverse("organizations:people", args=[organization.slug])
        assert not Membership.objects.filter(pk=membership.pk).exists()
        assert [message.to for message in mail.outbox] == [["cole@northern-cells.ca"]]
        assert "You no longer belong to Northern Cells Inc." in mail.outbox[0].subject
    else:
        if role in ("anonymous", "suspended_member"):
            assert_kept_out(response, role, remove_url(membership))
        else:
            assert response.status_code == 403
        assert Membership.objects.filter(pk=membership.pk).exists()
        assert mail.outbox == []


def test_removal_keeps_the_account_and_group_roles(client_for, contact, lead, group, organization):
    client_for(contact).post(remove_url(membership_of(lead, organization)))

    lead.refresh_from_db()
    assert lead.is_active
    assert GroupMembership.objects.filter(user=lead, group=group, role="lead").exists()
    assert not Membership.objects.filter(user=lead).exists()


def test_removal_is_recorded_in_history_with_who_did_it(client_for, contact, member, organization):
    membership = membership_of(member, organization)

    client_for(contact).post(remove_url(membership))

    deletion = Membership.history.filter(id=membership.pk, history_type="-").get()
    assert deletion.history_user == contact


def test_last_active_contact_cannot_be_removed(
    client_for, staff, contact, member, organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(remove_url(membership_of(contact, organization)))

    assert response.status_code == 400
    assert (
        "Carla Contact is the only active contact of Northern Cells Inc.: "
        "make someone else its contact first." in response.content.decode()
    )
    assert membership_of(contact, organization).is_contact
    assert mail.outbox == []


def test_a_deactivated_contact_does_not_count_as_the_other_contact(client_for, staff, contact, organization):
    add_person(organization, role=Membership.Role.CONTACT, is_active=False)

    response = client_for(staff).post(remove_url(membership_of(contact, organization)))

    assert response.status_code == 400
    assert Membership.objects.filter(user=contact).exists()


def test_a_contact_can_be_removed_when_another_active_contact_remains(client_for, contact, organization):
    other, other_membership = add_person(organization, role=Membership.Role.CONTACT)

    response = client_for(contact).post(remove_url(other_membership))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=other_membership.pk).exists()


def test_contact_who_removes_themselves_goes_to_the_organization_page(client_for, contact, organization):
    add_person(organization, role=Membership.Role.CONTACT)

    response = client_for(contact).post(remove_url(membership_of(contact, organization)))

    assert response.status_code == 302
    assert response["Location"] == organization.get_absolute_url()
    assert not Membership.objects.filter(user=contact).exists()


def test_a_deactivated_person_is_removed_without_an_email(
    client_for, contact, organization, django_capture_on_commit_callbacks
):
    gone, membership = add_person(organization, is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(remove_url(membership))

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert mail.outbox == []


def test_membership_of_another_organization_is_not_found(
    client_for, contact, outsider, organization, other_organization
):
    foreign = membership_of(outsider, other_organization)

    response = client_for(contact).post(remove_url(foreign, organization=organization))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_get_is_not_allowed(client_for, contact, member, organization):
    response = client_for(contact).get(remove_url(membership_of(member, organization)))

    assert response.status_code == 405
    assert Membership.objects.filter(user=member).exists()


def test_last_contact_of_a_suspended_organization_can_be_removed_by_staff(staff):
    dormant_membership = MembershipFactory(
        organization__membership_status=Organization.Status.SUSPENDED, role=Membership.Role.CONTACT
    )

    membership_remove(membership=dormant_membership, actor=staff)

    assert not Membership.objects.filter(pk=dormant_membership.pk).exists()


def test_service_refuses_a_contact_of_another_organization(outsider, member, organization):
    with pytest.raises(DomainError):
        membership_remove(membership=membership_of(member, organization), actor=outsider)

    assert Membership.objects.filter(user=member).exists()


def test_removing_twice_says_it_is_already_done(contact, member, organization):
    membership = membership_of(member, organization)
    membership_remove(membership=membership, actor=contact)

    with pytest.raises(DomainError, match="already removed"):
        membership_remove(membership=membership, actor=contact)
