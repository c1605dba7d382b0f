"""Making a person a contact, or a member only; never leaving an active organization without one."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.core.errors import DomainError
from apps.organizations.models import Membership
from apps.organizations.services.people import membership_set_role
from tests.organizations.people_helpers import ROLES, add_person, assert_kept_out, membership_of, person_for


def role_url(membership, organization=None) -> str:
    organization = organization or membership.organization
    return reverse("organizations:membership_role", args=[organization.slug, membership.pk])


@pytest.mark.parametrize("role", ROLES)
def test_only_contacts_and_staff_make_someone_a_contact(
    role, request, client_for, member, organization, django_capture_on_commit_callbacks
):
    user = person_for(request, role)
    membership = membership_of(member, organization)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(role_url(membership), {"role": "contact"})

    membership.refresh_from_db()
    if role in ("contact", "staff"):
        assert response.status_code == 302
        assert membership.role == Membership.Role.CONTACT
        assert [message.to for message in mail.outbox] == [[member.email]]
        assert mail.outbox[0].subject == "You are now a contact of Northern Cells Inc."
        assert mail.outbox[0].alternatives[0][1] == "text/html"
    else:
        if role in ("anonymous", "suspended_member"):
            assert_kept_out(response, role, role_url(membership))
        else:
            assert response.status_code == 403
        assert membership.role == Membership.Role.MEMBER
        assert mail.outbox == []


def test_success_message_names_the_new_role(client_for, contact, member, organization):
    response = client_for(contact).post(
        role_url(membership_of(member, organization)), {"role": "contact"}, follow=True
    )

    assert "Mo Member is now a contact of the organization." in response.content.decode()


def test_contact_can_be_made_a_member_when_another_contact_remains(client_for, contact, member, organization):
    other, other_membership = add_person(organization, role=Membership.Role.CONTACT, full_name="Ola Other")

    response = client_for(contact).post(role_url(other_membership), {"role": "member"}, follow=True)

    other_membership.refresh_from_db()
    assert other_membership.role == Membership.Role.MEMBER
    assert "Ola Other is now a member only, no longer a contact." in response.content.decode()


def test_last_active_contact_cannot_be_made_a_member(
    client_for, staff, contact, organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(role_url(membership_of(contact, organization)), {"role": "member"})

    assert response.status_code == 400
    assert "Carla Contact is the only active contact of Northern Cells Inc." in response.content.decode()
    assert membership_of(contact, organization).is_contact
    assert mail.outbox == []


def test_contact_who_steps_down_goes_to_the_organization_page(client_for, contact, organization):
    add_person(organization, role=Membership.Role.CONTACT)

    response = client_for(contact).post(role_url(membership_of(contact, organization)), {"role": "member"})

    assert response.status_code == 302
    assert response["Location"] == organization.get_absolute_url()
    assert not membership_of(contact, organization).is_contact


@pytest.mark.parametrize("data", [{}, {"role": "owner"}, {"role": "x" * 500}])
def test_unknown_role_is_refused(data, client_for, contact, member, organization):
    response = client_for(contact).post(role_url(membership_of(member, organization)), data)

    assert response.status_code == 400
    assert "Choose a role: contact or member." in response.content.decode()
    assert membership_of(member, organization).role == Membership.Role.MEMBER


def test_membership_of_another_organization_is_not_found(
    client_for, contact, outsider, organization, other_organization
):
    foreign = membership_of(outsider, other_organization)

    response = client_for(contact).post(role_url(foreign, organization=organization), {"role": "member"})

    assert response.status_code == 404
    assert membership_of(outsider, other_organization).is_contact


def test_unchanged_role_changes_nothing_and_sends_nothing(
    contact, member, organization, django_capture_on_commit_callbacks
):
    membership = membership_of(member, organization)

    with django_capture_on_commit_callbacks(execute=True):
        membership_set_role(membership=membership, actor=contact, role=Membership.Role.MEMBER)

    assert membership.history.count() == 1
    assert mail.outbox == []


def test_role_change_is_recorded_with_who_did_it(contact, member, organization):
    membership_set_role(membership=membership_of(member, organization), actor=contact, role="contact")

    assert membership_of(member, organization).history.latest().history_user == contact


def test_service_refuses_a_member_of_the_organization(member, contact, organization):
    with pytest.raises(DomainError):
        membership_set_role(membership=membership_of(contact, organization), actor=member, role="member")

    assert membership_of(contact, organization).is_contact
