"""Expiry, and the status an exclusive listing takes from its requests."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from apps.patents.models import LicenceRequest, PatentListing
from apps.patents.services.listings import listing_sync_exclusive_status, listings_expire
from tests.patents.factories import LicenceRequestFactory, PatentListingFactory

Status = PatentListing.Status


def test_expire_listings_marks_those_past_expiry_and_is_idempotent(organization):
    past = PatentListingFactory(
        organization=organization, expiry_date=date(2020, 1, 1), filing_date=date(2001, 1, 1)
    )
    current = PatentListingFactory(organization=organization)
    withdrawn = PatentListingFactory(
        organization=organization,
        status=Status.WITHDRAWN,
        expiry_date=date(2020, 1, 1),
        filing_date=date(2001, 1, 1),
    )
    request = LicenceRequestFactory(listing=past)
    output = StringIO()

    call_command("expire_listings", stdout=output)
    second_run = listings_expire()

    assert output.getvalue().strip() == "1 listing(s) expired."
    assert second_run == 0
    assert dict(PatentListing.objects.values_list("pk", "status")) == {
        past.pk: Status.EXPIRED,
        current.pk: Status.AVAILABLE,
        withdrawn.pk: Status.WITHDRAWN,
    }
    request.refresh_from_db()
    assert request.status == LicenceRequest.Status.DECLINED


def test_exclusive_listing_follows_its_requests(organization):
    listing = PatentListingFactory(organization=organization, licence_terms=PatentListing.Terms.EXCLUSIVE)
    accepted = LicenceRequestFactory(listing=listing, status=LicenceRequest.Status.ACCEPTED)
    other = LicenceRequestFactory(listing=listing)

    assert listing_sync_exclusive_status(listing=listing).status == Status.UNDER_NEGOTIATION

    LicenceRequest.objects.filter(pk=accepted.pk).update(status=LicenceRequest.Status.LICENSED)
    assert listing_sync_exclusive_status(listing=listing).status == Status.LICENSED
    other.refresh_from_db()
    assert other.status == LicenceRequest.Status.DECLINED

    LicenceRequest.objects.filter(pk=accepted.pk).update(status=LicenceRequest.Status.WITHDRAWN)
    assert listing_sync_exclusive_status(listing=listing).status == Status.AVAILABLE


def test_non_exclusive_listing_keeps_its_status(organization):
    listing = PatentListingFactory(organization=organization, licence_terms=PatentListing.Terms.FRAND)
    LicenceRequestFactory(listing=listing, status=LicenceRequest.Status.LICENSED)

    assert listing_sync_exclusive_status(listing=listing).status == Status.AVAILABLE
