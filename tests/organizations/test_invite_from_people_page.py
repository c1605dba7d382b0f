"""Inviting a colleague from the people page."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.models import Invitation
from tests.factories import InvitationFactory, UserFactory
from tests.organizations.people_helpers import ROLES, assert_kept_out, person_for


def invite_url(organization) -> str:
    return reverse("organizations:invite", kwargs={"slug": organization.slug})


def valid_invitation(**changes) -> dict:
    return {"email": "Nina.New@Northern-Cells.ca", "full_name": "Nina New", "role": "member", **changes}


@pytest.mark.parametrize("role", ROLES)
def test_only_contacts_and_staff_invite(
    role, request, client_for, organization, django_capture_on_commit_callbacks
):
    user = person_for(request, role)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(invite_url(organization), valid_invitation())

    if role in ("contact", "staff"):
        assert response.status_code == 302
        assert response["Location"] == reverse("organizations:people", args=[organization.slug])
        invitation = Invitation.objects.get()
        assert (invitation.email, invitation.role, invitation.invited_by) == (
            "nina.new@northern-cells.ca",
            "member",
            user,
        )
        assert mail.outbox[0].to == ["nina.new@northern-cells.ca"]
    else:
        if role in ("anonymous", "suspended_member"):
            assert_kept_out(response, role, invite_url(organization))
        else:
            assert response.status_code == 403
        assert not Invitation.objects.exists()
        assert mail.outbox == []


def test_invite_page_answers_get_with_method_not_allowed(client_for, contact, organization):
    assert client_for(contact).get(invite_url(organization)).status_code == 405


def test_contact_can_invite_a_future_contact(client_for, contact, organization):
    response = client_for(contact).post(
        invite_url(organization), valid_invitation(role="contact"), follow=True
    )

    assert Invitation.objects.get().role == "contact"
    assert "The invitation to nina.new@northern-cells.ca is on its way" in response.content.decode()


def test_contact_cannot_invite_to_another_organization(client_for, contact, other_organization):
    response = client_for(contact).post(invite_url(other_organization), valid_invitation())

    assert response.status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": ""}, "email", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"email": "a" * 250 + "@x.ca"}, "email", "at most 254 characters"),
        ({"full_name": "n" * 151}, "full_name", "at most 150 characters"),
        ({"role": "owner"}, "role", "Select a valid choice."),
        (
            {"email": "MO@northern-cells.ca"},
            "email",
            "mo@northern-cells.ca already belongs to Northern Cells Inc.",
        ),
    ],
)
def test_bad_invitation_is_refused_and_nothing_sent(
    changes, field, message, client_for, contact, member, organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(invite_url(organization), valid_invitation(**changes))

    assert response.status_code == 400
    assert any(message in error for error in response.context["invite_form"].errors[field])
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_address_already_invited_is_refused(
    client_for, contact, organization, django_capture_on_commit_callbacks
):
    InvitationFactory(organization=organization, email="nina.new@northern-cells.ca")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(invite_url(organization), valid_invitation())

    assert response.status_code == 400
    assert "already has a pending invitation; resend it instead." in response.content.decode()
    assert Invitation.objects.count() == 1
    assert mail.outbox == []


def test_deactivated_account_is_refused_with_advice(client_for, contact, organization):
    UserFactory(email="nina.new@northern-cells.ca", is_active=False)

    response = client_for(contact).post(invite_url(organization), valid_invitation())

    assert response.status_code == 400
    assert "is deactivated. Ask the secretariat to reactivate it." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_person_of_another_organization_can_be_invited(client_for, contact, outsider, organization):
    response = client_for(contact).post(invite_url(organization), valid_invitation(email=outsider.email))

    assert response.status_code == 302
    assert Invitation.objects.get().email == outsider.email
