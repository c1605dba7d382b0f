"""Resending an invitation e-mails the invited address: limited per client address and per address."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

HERE = "198.51.100.40"


@pytest.fixture(autouse=True)
def _roomy_limits(settings):
    settings.INVITATION_RESEND_RATE_PER_CLIENT = "100/h"
    settings.INVITATION_RESEND_RATE_PER_EMAIL = "100/h"


def resend(client, invitation, *, address=HERE):
    url = reverse("organizations:invitation_resend", args=[invitation.organization.slug, invitation.pk])
    return client.post(url, REMOTE_ADDR=address)


@pytest.fixture
def invitation(organization):
    return InvitationFactory(organization=organization, email="nina@northern-cells.ca")


def test_resends_over_the_limit_per_invited_address_are_refused(
    client_for, settings, contact, staff, invitation, django_capture_on_commit_callbacks
):
    settings.INVITATION_RESEND_RATE_PER_EMAIL = "2/h"
    with django_capture_on_commit_callbacks(execute=True):
        resend(client_for(contact), invitation, address="198.51.100.1")
        resend(client_for(staff), invitation, address="198.51.100.2")
    invitation.refresh_from_db()
    token_hash = invitation.token_hash
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        refused = resend(client_for(contact), invitation, address="198.51.100.3")

    assert refused.status_code == 429
    content = refused.content.decode()
    assert "Invitations were resent too often in a short time" in content
    assert "You can try again in" in content
    invitation.refresh_from_db()
    assert (invitation.sent_count, invitation.token_hash) == (3, token_hash)
    assert mail.outbox == []


def test_resends_over_the_limit_per_client_are_refused_whatever_the_invitation(
    client_for, settings, contact, organization, django_capture_on_commit_callbacks
):
    settings.INVITATION_RESEND_RATE_PER_CLIENT = "2/h"
    invitations = [
        InvitationFactory(organization=organization, email=f"colleague{number}@northern-cells.ca")
        for number in range(3)
    ]
    resend(client_for(contact), invitations[0])
    resend(client_for(contact), invitations[1])

    with django_capture_on_commit_callbacks(execute=True):
        refused = resend(client_for(contact), invitations[2])

    assert refused.status_code == 429
    invitations[2].refresh_from_db()
    assert invitations[2].sent_count == 1
    assert mail.outbox == []


def test_people_outside_the_organization_get_their_usual_answer_not_the_limit(
    client_for, settings, outsider, invitation
):
    settings.INVITATION_RESEND_RATE_PER_CLIENT = "1/h"
    settings.INVITATION_RESEND_RATE_PER_EMAIL = "1/h"

    responses = [resend(client_for(outsider), invitation) for _ in range(3)]

    assert [response.status_code for response in responses] == [403, 403, 403]
