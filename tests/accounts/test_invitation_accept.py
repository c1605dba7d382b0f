"""Accepting an invitation link: newcomers create an account, existing people accept signed in."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Invitation, User
from apps.organizations.models import Membership, Organization
from tests.accounts.conftest import SIGN_IN_URL, accept_url, sign_in_redirect
from tests.accounts.factories import InvitationFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "nickel-manganese-cobalt-88"


def newcomer_data(**overrides):
    return {
        "full_name": "Nina Newcomer",
        "password": NEW_PASSWORD,
        "password_confirmation": NEW_PASSWORD,
        **overrides,
    }


def assert_nothing_written(invitation, people_before):
    invitation.refresh_from_db()
    assert (invitation.accepted_at, invitation.accepted_by) == (None, None)
    assert User.objects.count() == people_before
    assert not Membership.objects.filter(
        organization=invitation.organization, user__email__iexact=invitation.email
    ).exists()


def test_newcomer_sees_who_invites_them_to_what(client, invitation):
    response = client.get(accept_url(invitation))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Join Northern Cells Inc. on the alliance portal" in content
    assert "Carla Contact" in content
    assert "Member" in content
    assert "nina@northern-cells.ca" in content
    assert 'name="password_confirmation"' in content
    assert response.context["form"]["full_name"].value() == "Nina Newcomer"


def test_newcomer_creates_account_joins_and_is_signed_in(client, invitation, organization):
    response = client.post(accept_url(invitation), newcomer_data(full_name="Nina N. Newcomer"))

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    person = User.objects.get(email="nina@northern-cells.ca")
    assert person.full_name == "Nina N. Newcomer"
    assert person.check_password(NEW_PASSWORD)
    membership = Membership.objects.get(user=person)
    assert (membership.organization, membership.role) == (organization, Membership.Role.MEMBER)
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.ACCEPTED
    assert invitation.accepted_by == person
    home = client.get(reverse("home"))
    assert home.context["user"] == person
    assert "Welcome. You are now part of Northern Cells Inc. as member." in home.content.decode()
    assert Session.objects.count() == 1


def test_newcomer_can_sign_in_later_with_the_new_password(client, client_for, invitation):
    client.post(accept_url(invitation), newcomer_data())

    response = client_for(None).post(
        SIGN_IN_URL, {"username": "NINA@northern-cells.ca", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302


def test_contact_invitation_makes_the_newcomer_a_contact(client, organization, contact):
    invitation = InvitationFactory(
        organization=organization, invited_by=contact, role=Invitation.Role.CONTACT
    )

    client.post(accept_url(invitation), newcomer_data())

    assert Membership.objects.get(user__email=invitation.email).role == Membership.Role.CONTACT


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (newcomer_data(password="short", password_confirmation="short"), "password", "too short"),
        (
            newcomer_data(password="password1234", password_confirmation="password1234"),
            "password",
            "too common",
        ),
        (
            newcomer_data(password="583920174659", password_confirmation="583920174659"),
            "password",
            "entirely numeric",
        ),
        (
            newcomer_data(password_confirmation=NEW_PASSWORD + "!"),
            "password_confirmation",
            "The two passwords differ.",
        ),
        (newcomer_data(full_name=""), "full_name", "This field is required."),
        (newcomer_data(full_name="n" * 151), "full_name", "at most 150 characters"),
        (newcomer_data(password=""), "password", "This field is required."),
    ],
)
def test_bad_newcomer_input_is_refused_and_nothing_written(client, invitation, data, field, message):
    people_before = User.objects.count()

    response = client.post(accept_url(invitation), data)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert_nothing_written(invitation, people_before)
    assert not Session.objects.exists()


def test_link_works_only_once(client, client_for, invitation):
    client.post(accept_url(invitation), newcomer_data())
    people_before = User.objects.count()

    response = client_for(None).get(accept_url(invitation))

    assert response.status_code == 410
    assert "This invitation was already used" in response.content.decode()
    again = client_for(None).post(accept_url(invitation), newcomer_data(full_name="Someone Else"))
    assert again.status_code == 410
    assert User.objects.count() == people_before
    assert not User.objects.filter(full_name="Someone Else").exists()


def test_second_submission_after_the_first_is_refused(client_for, invitation):
    first_tab, second_tab = client_for(None), client_for(None)
    assert first_tab.get(accept_url(invitation)).status_code == 200
    assert second_tab.get(accept_url(invitation)).status_code == 200

    first = first_tab.post(accept_url(invitation), newcomer_data())
    second = second_tab.post(accept_url(invitation), newcomer_data(full_name="Second Tab"))

    assert first.status_code == 302
    assert second.status_code == 410
    assert User.objects.filter(email="nina@northern-cells.ca").count() == 1
    assert Membership.objects.filter(user__email="nina@northern-cells.ca").count() == 1
    assert User.objects.get(email="nina@northern-cells.ca").full_name == "Nina Newcomer"


def test_expired_link_is_refused_with_410(client, expired_invitation):
    people_before = User.objects.count()

    response = client.get(accept_url(expired_invitation))
    posted = client.post(accept_url(expired_invitation), newcomer_data())

    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert posted.status_code == 410
    assert_nothing_written(expired_invitation, people_before)


def test_invitation_expiring_between_page_and_submit_is_refused(client, invitation):
    client.get(accept_url(invitation))
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    people_before = User.objects.count()

    response = client.post(accept_url(invitation), newcomer_data())

    assert response.status_code == 410
    assert_nothing_written(invitation, people_before)


def test_revoked_link_is_refused_with_410(client, invitation, contact):
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now(), revoked_by=contact)
    people_before = User.objects.count()

    response = client.get(accept_url(invitation))
    posted = client.post(accept_url(invitation), newcomer_data())

    assert response.status_code == 410
    assert "This invitation was withdrawn" in response.content.decode()
    assert posted.status_code == 410
    assert User.objects.count() == people_before


def test_unknown_link_is_404(client, invitation):
    people_before = User.objects.count()

    response = client.get(reverse("accounts:invitation_accept", kwargs={"token": "not-a-real-token"}))
    posted = client.post(
        reverse("accounts:invitation_accept", kwargs={"token": "not-a-real-token"}), newcomer_data()
    )

    assert response.status_code == 404
    assert "We do not recognise this invitation link" in response.content.decode()
    assert posted.status_code == 404
    assert User.objects.count() == people_before


def test_invitation_to_a_suspended_organization_cannot_be_accepted(client, invitation, organization):
    Organization.objects.filter(pk=organization.pk).update(membership_status=Organization.Status.SUSPENDED)
    people_before = User.objects.count()

    response = client.post(accept_url(invitation), newcomer_data())

    assert response.status_code == 409
    assert "is not an active member of the alliance at the moment" in response.content.decode()
    assert_nothing_written(invitation, people_before)


def test_existing_account_not_signed_in_is_asked_to_sign_in(client, organization, contact, outsider):
    invitation = InvitationFactory(
        organization=organization, invited_by=contact, email="OSCAR@prairie-lithium.ca"
    )

    response = client.get(accept_url(invitation))

    assert response.status_code == 200
    content = response.content.decode()
    assert "already has an account" in content
    assert sign_in_redirect(accept_url(invitation)) in content
    assert response.context["form"] is None


def test_existing_account_not_signed_in_cannot_accept_by_post(client, organization, contact, outsider):
    invitation = InvitationFactory(organization=organization, invited_by=contact, email=outsider.email)
    people_before = User.objects.count()

    response = client.post(accept_url(invitation), newcomer_data())

    assert response.status_code == 403
    assert_nothing_written(invitation, people_before)
    outsider.refresh_from_db()
    assert outsider.check_password(NEW_PASSWORD) is False


def test_existing_person_signs_in_through_the_link_and_accepts(
    client, organization, contact, outsider, password
):
    invitation = InvitationFactory(organization=organization, invited_by=contact, email=outsider.email)

    signed_in = client.post(
        SIGN_IN_URL, {"username": outsider.email, "password": password, "next": accept_url(invitation)}
    )
    assert signed_in["Location"] == accept_url(invitation)
    page = client.get(accept_url(invitation))
    assert "Accept the invitation" in page.content.decode()
    response = client.post(accept_url(invitation))

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert Membership.objects.get(user=outsider, organization=organization).role == Membership.Role.MEMBER
    assert Membership.objects.filter(user=outsider).count() == 2
    invitation.refresh_from_db()
    assert invitation.accepted_by == outsider


def test_contact_invitation_to_an_existing_member_makes_them_contact(
    client_for, organization, contact, member
):
    invitation = InvitationFactory(
        organization=organization, invited_by=contact, email=member.email, role=Invitation.Role.CONTACT
    )

    response = client_for(member).post(accept_url(invitation))

    assert response.status_code == 302
    assert Membership.objects.get(user=member, organization=organization).role == Membership.Role.CONTACT


def test_suspended_member_accepting_joins_an_active_organization(
    client_for, organization, contact, suspended_member
):
    invitation = InvitationFactory(
        organization=organization, invited_by=contact, email=suspended_member.email
    )
    client = client_for(suspended_member)

    response = client.post(accept_url(invitation))

    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("signed_in_as", ["member", "outsider", "staff", "suspended_member"])
def test_signed_in_as_someone_else_cannot_accept_a_newcomer_invitation(
    request, client_for, invitation, signed_in_as
):
    client = client_for(request.getfixturevalue(signed_in_as))
    people_before = User.objects.count()

    page = client.get(accept_url(invitation))
    response = client.post(accept_url(invitation), newcomer_data())

    assert page.status_code == 200
    assert "This invitation is for nina@northern-cells.ca, but you are signed in as" in page.content.decode()
    assert page.context["form"] is None
    assert response.status_code == 403
    assert_nothing_written(invitation, people_before)


def test_signed_in_as_someone_else_cannot_accept_for_an_existing_account(
    client_for, organization, contact, outsider, member
):
    invitation = InvitationFactory(organization=organization, invited_by=contact, email=outsider.email)

    response = client_for(member).post(accept_url(invitation))

    assert response.status_code == 403
    assert not Membership.objects.filter(user=outsider, organization=organization).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_wrong_account_can_sign_out_and_come_back_to_the_link(client_for, invitation, member):
    client = client_for(member)

    response = client.post(reverse("accounts:logout"), {"next": accept_url(invitation)})

    assert response["Location"] == accept_url(invitation)
    assert client.get(accept_url(invitation)).context["situation"] == "newcomer"


def test_deactivated_account_is_told_to_contact_the_secretariat(client, organization, contact, member):
    member.is_active = False
    member.save()
    invitation = InvitationFactory(organization=organization, invited_by=contact, email=member.email)

    page = client.get(accept_url(invitation))
    response = client.post(accept_url(invitation), newcomer_data())

    assert "is deactivated" in page.content.decode()
    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_accepting_sends_no_email(client, invitation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(accept_url(invitation), newcomer_data())

    assert mail.outbox == []
