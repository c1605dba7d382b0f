"""The secretariat's admin: hiding and unhiding listings, pool figures, requests read-only, and
the front page's count of unanswered requests."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.core.models import Event
from apps.patents.models import LicenceRequest, PatentListing
from apps.patents.selectors import pool_figures
from tests.patents.factories import (
    LicenceRequestFactory,
    LicenceRequestMessageFactory,
    LicenceRequestTransitionFactory,
    PatentListingFactory,
)

CHANGELIST = reverse("admin:patents_patentlisting_changelist")


def _hide(client, listing, **extra):
    return client.post(CHANGELIST, {"action": "hide_listings", ACTION_CHECKBOX_NAME: [listing.pk], **extra})


def test_hide_asks_for_a_reason_first(client_for, staff, listing):
    response = _hide(client_for(staff), listing)

    listing.refresh_from_db()
    assert response.status_code == 200
    assert "Hide listings from the pool" in response.text
    assert listing.is_hidden is False


def test_hide_without_a_reason_is_refused(client_for, staff, listing):
    response = _hide(client_for(staff), listing, apply="yes", reason="")

    listing.refresh_from_db()
    assert response.status_code == 400
    assert listing.is_hidden is False


def test_hiding_takes_the_listing_out_and_declines_its_open_requests(
    client_for, staff, listing, other_organization, outsider, django_capture_on_commit_callbacks
):
    request = LicenceRequestFactory(
        listing=listing, requesting_organization=other_organization, requested_by=outsider
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = _hide(client_for(staff), listing, apply="yes", reason="Not a battery patent")

    listing.refresh_from_db()
    request.refresh_from_db()
    assert response.status_code == 302
    assert (listing.is_hidden, listing.hidden_reason, listing.hidden_by) == (
        True,
        "Not a battery patent",
        staff,
    )
    assert request.status == LicenceRequest.Status.DECLINED
    assert request.decline_reason == "Not a battery patent"
    assert [message.to for message in mail.outbox] == [[outsider.email]]
    assert Event.objects.filter(kind=Event.Kind.LISTING_HIDDEN).count() == 1
    assert not PatentListing.objects.in_pool().exists()


def test_unhide_puts_it_back(client_for, staff, organization):
    listing = PatentListingFactory(organization=organization, is_hidden=True, hidden_reason="Check")

    response = client_for(staff).post(
        CHANGELIST, {"action": "unhide_listings", ACTION_CHECKBOX_NAME: [listing.pk]}
    )

    listing.refresh_from_db()
    assert response.status_code == 302
    assert (listing.is_hidden, listing.hidden_reason) == (False, "")


@pytest.mark.parametrize("role", ["member", "contact", "outsider"])
def test_people_who_are_not_staff_cannot_hide(request, client_for, listing, role):
    response = _hide(client_for(request.getfixturevalue(role)), listing, apply="yes", reason="Spam")

    listing.refresh_from_db()
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert listing.is_hidden is False


@pytest.mark.parametrize("size", [5, 60])
def test_changelist_shows_pool_figures_in_fixed_queries(
    client_for, staff, organization, size, django_assert_max_num_queries
):
    for listing in PatentListingFactory.create_batch(size, organization=organization):
        LicenceRequestFactory(listing=listing, status=LicenceRequest.Status.LICENSED)

    with django_assert_max_num_queries(34):
        response = client_for(staff).get(CHANGELIST)

    assert response.status_code == 200
    assert f"{size} licences granted." in response.text


def test_pool_figures_count_by_area_status_and_request(organization):
    listing = PatentListingFactory(organization=organization)
    PatentListingFactory(organization=organization, status=PatentListing.Status.DRAFT)
    LicenceRequestFactory(listing=listing)
    LicenceRequestFactory(listing=listing, status=LicenceRequest.Status.LICENSED)

    figures = pool_figures()

    solid_state = next(row for row in figures.listings_by_area if row.area.code == "solid-state")
    assert solid_state.by_status == {"available": 1, "draft": 1}
    assert solid_state.total == 2
    assert {value: count for value, _, count in figures.requests_by_status}["pending"] == 1
    assert figures.licences_granted == 1


def test_licence_requests_are_read_only_with_their_history(client_for, staff):
    request = LicenceRequestFactory()
    LicenceRequestTransitionFactory(request=request)
    LicenceRequestMessageFactory(request=request, body="When can we talk?")

    page = client_for(staff).get(reverse("admin:patents_licencerequest_change", args=[request.pk]))
    listing_page = client_for(staff).get(reverse("admin:patents_licencerequest_changelist"))

    assert page.status_code == 200
    assert "When can we talk?" in page.text
    assert 'name="_save"' not in page.text
    assert listing_page.status_code == 200


def test_front_page_counts_requests_unanswered_for_two_weeks(client_for, staff):
    old = LicenceRequestFactory()
    LicenceRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=15))
    LicenceRequestFactory()

    response = client_for(staff).get(reverse("admin:index"))

    items = {item.label: item.count for item in response.context["waiting_items"]}
    assert items["Licence requests unanswered for two weeks"] == 1
