from django.core import mail

from apps.core.models import Event
from apps.patents.models import LicenceRequest, LicenceRequestTransition
from apps.patents.services.requests import requests_decline_open_for_listing
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .factories import LicenceRequestFactory
from .requests_support import *  # noqa: F403


def test_declines_every_open_request_with_the_reason_and_tells_each_requester(
    listing, accepted_request, contact, django_capture_on_commit_callbacks
):
    # given an accepted request and a pending one from a third organization, and a closed one
    third_person = UserFactory(email="tina@third.ca", preferred_language="fr")
    third = OrganizationFactory(name="Third Cells")
    MembershipFactory(user=third_person, organization=third)
    pending = LicenceRequestFactory(listing=listing, requesting_organization=third, requested_by=third_person)
    withdrawn = LicenceRequestFactory(listing=listing, status=LicenceRequest.Status.WITHDRAWN)

    # when the listing is withdrawn
    with django_capture_on_commit_callbacks(execute=True):
        declined = requests_decline_open_for_listing(
            listing=listing, actor=contact, reason="Withdrawn from the pool."
        )

    # then both open requests are declined with the reason, recorded and told
    assert declined == 2
    for licence_request in (accepted_request, pending):
        licence_request.refresh_from_db()
        assert licence_request.status == LicenceRequest.Status.DECLINED
        assert licence_request.decline_reason == "Withdrawn from the pool."
    withdrawn.refresh_from_db()
    assert withdrawn.status == LicenceRequest.Status.WITHDRAWN
    assert (
        LicenceRequestTransition.objects.filter(to_status="declined", note="Withdrawn from the pool.").count()
        == 2
    )
    assert Event.objects.filter(kind=Event.Kind.LICENCE_REQUEST_CHANGED).count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["oscar@prairie-lithium.ca", "tina@third.ca"]
    french = next(message for message in mail.outbox if message.to == ["tina@third.ca"])
    assert french.extra_headers["Content-Language"].startswith("fr")
    assert "Withdrawn from the pool." in french.body


def test_nothing_open_declines_nothing(listing, contact):
    assert requests_decline_open_for_listing(listing=listing, actor=contact, reason="Hidden.") == 0
    assert not Event.objects.exists()
    assert mail.outbox == []


def test_withdrawing_the_listing_declines_its_open_requests(
    listing, pending_request, contact, requester, django_capture_on_commit_callbacks
):
    from apps.patents.services.listings import listing_withdraw

    with django_capture_on_commit_callbacks(execute=True):
        listing_withdraw(listing=listing, actor=contact, reason="Core to our product now.")
    pending_request.refresh_from_db()
    assert (pending_request.status, pending_request.decline_reason) == (
        "declined",
        "Core to our product now.",
    )
    assert [message.to for message in mail.outbox] == [[requester.email]]


def test_hiding_the_listing_declines_its_open_requests(
    listing, accepted_request, staff, requester, django_capture_on_commit_callbacks
):
    from apps.patents.services.listings import listing_hide

    with django_capture_on_commit_callbacks(execute=True):
        listing_hide(listing=listing, actor=staff, reason="Ownership disputed.")
    accepted_request.refresh_from_db()
    assert (accepted_request.status, accepted_request.decline_reason) == ("declined", "Ownership disputed.")
    transition = LicenceRequestTransition.objects.latest("pk")
    assert (transition.from_status, transition.actor) == ("accepted", staff)
    assert [message.to for message in mail.outbox] == [[requester.email]]
