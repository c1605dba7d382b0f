from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.core.models import Event
from apps.patents.models import LicenceRequest, LicenceRequestTransition, PatentListing
from apps.patents.services import requests as services

from .requests_support import *  # noqa: F403


def url(name, licence_request):
    return reverse(f"patents:{name}", kwargs={"pk": licence_request.pk})


def snapshot(licence_request):
    licence_request.refresh_from_db()
    return (
        licence_request.status,
        LicenceRequestTransition.objects.count(),
        Event.objects.count(),
        len(mail.outbox),
    )


def test_owner_accepts_a_pending_request_and_the_requester_is_told(
    client_for, pending_request, contact, requester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(url("request_accept", pending_request))
    assert response.status_code == 302
    assert response.url == pending_request.get_absolute_url()
    pending_request.refresh_from_db()
    assert pending_request.status == LicenceRequest.Status.ACCEPTED
    transition = LicenceRequestTransition.objects.latest("pk")
    assert (transition.from_status, transition.to_status, transition.actor) == (
        "pending",
        "accepted",
        contact,
    )
    assert Event.objects.filter(kind=Event.Kind.LICENCE_REQUEST_CHANGED, actor=contact).count() == 1
    assert [message.to for message in mail.outbox] == [[requester.email]]
    assert "accepted" in mail.outbox[0].subject


def test_owner_records_the_licence_on_an_accepted_request(
    client_for, accepted_request, contact, requester, django_capture_on_commit_callbacks
):
    signed = timezone.localdate() - timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(url("request_licence", accepted_request), {"signed_on": signed})
    assert response.status_code == 302
    accepted_request.refresh_from_db()
    assert accepted_request.status == LicenceRequest.Status.LICENSED
    assert accepted_request.licensed_on == signed
    assert [message.to for message in mail.outbox] == [[requester.email]]
    assert "Licence recorded" in mail.outbox[0].subject


def test_licence_signed_in_the_future_is_refused(client_for, accepted_request, contact):
    before = snapshot(accepted_request)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(contact).post(url("request_licence", accepted_request), {"signed_on": tomorrow})
    assert response.status_code == 400
    assert "cannot be signed in the future" in response.content.decode()
    assert snapshot(accepted_request) == before


@pytest.mark.parametrize("fixture", ["pending_request", "accepted_request"])
def test_owner_declines_an_open_request_with_a_reason(
    fixture, request, client_for, contact, requester, django_capture_on_commit_callbacks
):
    licence_request = request.getfixturevalue(fixture)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(
            url("request_decline", licence_request), {"reason": "Not for now."}
        )
    assert response.status_code == 302
    licence_request.refresh_from_db()
    assert (licence_request.status, licence_request.decline_reason) == ("declined", "Not for now.")
    assert LicenceRequestTransition.objects.latest("pk").note == "Not for now."
    assert [message.to for message in mail.outbox] == [[requester.email]]
    assert "Not for now." in mail.outbox[0].body


def test_decline_without_a_reason_is_refused(client_for, pending_request, contact):
    before = snapshot(pending_request)
    response = client_for(contact).post(url("request_decline", pending_request), {"reason": ""})
    assert response.status_code == 400
    assert response.context["decline_form"].errors["reason"]
    assert snapshot(pending_request) == before


@pytest.mark.parametrize("fixture", ["pending_request", "accepted_request"])
def test_any_person_of_the_requesting_organization_withdraws(
    fixture, request, client_for, requester_colleague, contact, django_capture_on_commit_callbacks
):
    licence_request = request.getfixturevalue(fixture)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(requester_colleague).post(url("request_withdraw", licence_request))
    assert response.status_code == 302
    licence_request.refresh_from_db()
    assert licence_request.status == LicenceRequest.Status.WITHDRAWN
    assert LicenceRequestTransition.objects.latest("pk").actor == requester_colleague
    assert [message.to for message in mail.outbox] == [[contact.email]]


ILLEGAL = [
    # (status, view, side, data)
    ("accepted", "request_accept", "contact", {}),
    ("licensed", "request_accept", "contact", {}),
    ("declined", "request_accept", "contact", {}),
    ("withdrawn", "request_accept", "contact", {}),
    ("pending", "request_licence", "contact", {"signed_on": "2024-01-10"}),
    ("licensed", "request_licence", "contact", {"signed_on": "2024-01-10"}),
    ("declined", "request_licence", "contact", {"signed_on": "2024-01-10"}),
    ("withdrawn", "request_licence", "contact", {"signed_on": "2024-01-10"}),
    ("licensed", "request_decline", "contact", {"reason": "No"}),
    ("declined", "request_decline", "contact", {"reason": "No"}),
    ("withdrawn", "request_decline", "contact", {"reason": "No"}),
    ("licensed", "request_withdraw", "requester", {}),
    ("declined", "request_withdraw", "requester", {}),
    ("withdrawn", "request_withdraw", "requester", {}),
]


@pytest.mark.parametrize("status, view, side, data", ILLEGAL)
def test_illegal_transition_is_refused_and_writes_nothing(
    status, view, side, data, request, client_for, pending_request, django_capture_on_commit_callbacks
):
    LicenceRequest.objects.filter(pk=pending_request.pk).update(status=status)
    before = snapshot(pending_request)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(request.getfixturevalue(side)).post(url(view, pending_request), data)
    assert response.status_code == 400
    assert f"This one is {LicenceRequest.Status(status).label.lower()}" in response.content.decode()
    assert snapshot(pending_request) == before


@pytest.mark.parametrize(
    "view, data",
    [
        ("request_accept", {}),
        ("request_licence", {"signed_on": "2024-01-10"}),
        ("request_decline", {"reason": "No"}),
    ],
)
def test_requesting_side_cannot_answer(view, data, client_for, accepted_request, requester):
    LicenceRequest.objects.filter(pk=accepted_request.pk).update(
        status="pending" if view == "request_accept" else "accepted"
    )
    before = snapshot(accepted_request)
    assert client_for(requester).post(url(view, accepted_request), data).status_code == 403
    assert snapshot(accepted_request) == before


def test_owner_side_cannot_withdraw(client_for, pending_request, contact):
    before = snapshot(pending_request)
    assert client_for(contact).post(url("request_withdraw", pending_request)).status_code == 403
    assert snapshot(pending_request) == before


def test_owner_contact_who_does_not_handle_licensing_cannot_answer(
    client_for, pending_request, organization, contact
):
    from apps.organizations.models import Membership
    from tests.factories import MembershipFactory, UserFactory

    chosen = UserFactory(email="lic@northern-cells.ca")
    MembershipFactory(
        user=chosen, organization=organization, role=Membership.Role.CONTACT, handles_licensing=True
    )
    before = snapshot(pending_request)
    assert client_for(contact).post(url("request_accept", pending_request)).status_code == 404
    assert snapshot(pending_request) == before
    assert client_for(chosen).post(url("request_accept", pending_request)).status_code == 302


@pytest.mark.parametrize("role", ["outsider_of_third_organization", "member", "staff"])
def test_people_outside_both_sides_cannot_act(role, request, client_for, pending_request):
    if role == "outsider_of_third_organization":
        from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

        user = UserFactory()
        MembershipFactory(user=user, organization=OrganizationFactory())
        expected = 404
    else:
        user = request.getfixturevalue(role)
        expected = {"member": 404, "staff": 403}[role]
    before = snapshot(pending_request)
    for view, data in [("request_accept", {}), ("request_withdraw", {}), ("request_message", {"body": "hi"})]:
        assert client_for(user).post(url(view, pending_request), data).status_code == expected
    assert snapshot(pending_request) == before


def test_action_pages_are_post_only(client_for, pending_request, contact):
    assert client_for(contact).get(url("request_accept", pending_request)).status_code == 405


def test_a_double_click_changes_the_request_once(pending_request, contact):
    services.request_accept(licence_request=pending_request, actor=contact)
    stale = LicenceRequest.objects.get(pk=pending_request.pk)
    stale.status = LicenceRequest.Status.PENDING
    with pytest.raises(services.DomainError):
        services.request_accept(licence_request=stale, actor=contact)
    assert LicenceRequestTransition.objects.filter(to_status="accepted").count() == 1


def test_exclusive_listing_shows_negotiation_then_licensed_and_other_requests_are_declined(
    listing, pending_request, contact, requester, django_capture_on_commit_callbacks
):
    from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

    from .factories import LicenceRequestFactory

    PatentListing.objects.filter(pk=listing.pk).update(licence_terms=PatentListing.Terms.EXCLUSIVE)
    third_person = UserFactory(email="tina@third.ca")
    third = OrganizationFactory(name="Third Cells")
    MembershipFactory(user=third_person, organization=third)
    other = LicenceRequestFactory(listing=listing, requesting_organization=third, requested_by=third_person)

    services.request_accept(licence_request=pending_request, actor=contact)
    listing.refresh_from_db()
    assert listing.status == PatentListing.Status.UNDER_NEGOTIATION

    with django_capture_on_commit_callbacks(execute=True):
        services.request_record_licence(
            licence_request=pending_request, actor=contact, signed_on=date(2025, 1, 5)
        )
    listing.refresh_from_db()
    other.refresh_from_db()
    assert listing.status == PatentListing.Status.LICENSED
    assert other.status == LicenceRequest.Status.DECLINED
    assert "tina@third.ca" in [message.to[0] for message in mail.outbox]
