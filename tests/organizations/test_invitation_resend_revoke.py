"""Resending and revoking a pending invitation from the people page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import InvitationFactory
from tests.organizations.people_helpers import ROLES, assert_kept_out, person_for


def resend_url(invitation, organization=None) -> str:
    organization = organization or invitation.organization
    return reverse("organizations:invitation_resend", args=[organization.slug, invitation.pk])


def revoke_url(invitation, organization=None) -> str:
    organization = organization or invitation.organization
    return reverse("organizations:invitation_revoke", args=[organization.slug, invitation.pk])


@pytest.fixture
def invitation(organization):
    return InvitationFactory(organization=organization, email="nina@northern-cells.ca")


@pytest.mark.parametrize("role", ROLES)
def test_only_contacts_and_staff_resend(
    role, request, client_for, invitation, django_capture_on_commit_callbacks
):
    user = person_for(request, role)
    old_hash = invitation.token_hash

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(resend_url(invitation))

    invitation.refresh_from_db()
    if role in ("contact", "staff"):
        assert response.status_code == 302
        assert invitation.sent_count == 2
        assert invitation.token_hash != old_hash
        assert [message.to for message in mail.outbox] == [["nina@northern-cells.ca"]]
    else:
        if role in ("anonymous", "suspended_member"):
            assert_kept_out(response, role, resend_url(invitation))
        else:
            assert response.status_code == 403
        assert (invitation.sent_count, invitation.token_hash) == (1, old_hash)
        assert mail.outbox == []


@pytest.mark.parametrize("role", ROLES)
def test_only_contacts_and_staff_revoke(role, request, client_for, invitation):
    user = person_for(request, role)

    response = client_for(user).post(revoke_url(invitation))

    invitation.refresh_from_db()
    if role in ("contact", "staff"):
        assert response.status_code == 302
        assert invitation.revoked_at is not None
        assert invitation.revoked_by == user
    else:
        assert response.status_code in (302, 403)
        assert invitation.revoked_at is None


def test_expired_invitation_can_be_resent_with_a_new_expiry(
    client_for, contact, organization, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(organization=organization, expires_at=timezone.now() - timedelta(days=2))

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(resend_url(invitation), follow=True)

    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    notice = f"A new invitation link is on its way to {invitation.email}; the old link no longer works."
    assert notice in response.content.decode()
    assert len(mail.outbox) == 1


def test_revoking_says_the_link_no_longer_works(client_for, contact, invitation):
    response = client_for(contact).post(revoke_url(invitation), follow=True)

    assert (
        "The invitation to nina@northern-cells.ca was revoked; its link no longer works."
        in response.content.decode()
    )
    assert response.context["invitations"] == []


@pytest.mark.parametrize("action", [resend_url, revoke_url])
def test_invitation_of_another_organization_is_not_found(
    action, client_for, contact, organization, other_organization, django_capture_on_commit_callbacks
):
    foreign = InvitationFactory(organization=other_organization)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(action(foreign, organization=organization))

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert (foreign.sent_count, foreign.revoked_at) == (1, None)
    assert mail.outbox == []


def test_revoked_invitation_cannot_be_resent(
    client_for, contact, organization, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(organization=organization, revoked_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(resend_url(invitation))

    assert response.status_code == 400
    assert "This invitation was already revoked; it cannot be resent." in response.content.decode()
    assert mail.outbox == []


def test_accepted_invitation_cannot_be_revoked(client_for, contact, organization):
    invitation = InvitationFactory(organization=organization, accepted_at=timezone.now())

    response = client_for(contact).post(revoke_url(invitation))

    assert response.status_code == 400
    assert "This invitation was already accepted or revoked." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.parametrize("action", [resend_url, revoke_url])
def test_get_is_not_allowed(action, client_for, contact, invitation):
    assert client_for(contact).get(action(invitation)).status_code == 405
