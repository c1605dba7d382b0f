"""The patent pool's API lists run a fixed number of queries, whatever the number of listings
(10 and 500, each with technology areas) and requests (with transitions and messages)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.patents.models import (
    LicenceRequest,
    LicenceRequestMessage,
    LicenceRequestTransition,
    PatentListing,
    TechnologyArea,
)
from tests.api.patents_fixtures import listings_url, request_url, requests_url
from tests.factories import OrganizationFactory, UserFactory

# Session and person (2), the member check (1), the count and the page (2), the areas' prefetch (1).
MAX_LISTING_QUERIES = 6
# Session and person (2), the member check (1), the caller's organizations and licensing
# organizations for the visibility rule (2) and again for their sides (2), the count and the page (2).
MAX_REQUEST_LIST_QUERIES = 9
# The same, with the request (1) instead of the count and the page, and its transitions and messages (2).
MAX_REQUEST_DETAIL_QUERIES = 10


def build_pool(count: int, *, owner, requester, asked_by) -> None:
    """`count` listings over four owners (`owner` among them) with two technology areas each; a
    request by `requester` on each of `owner`'s listings, with two transitions and two messages."""
    owners = [owner, *(OrganizationFactory() for _ in range(3))]
    areas = list(TechnologyArea.objects.all())
    now = timezone.now()
    listings = PatentListing.objects.bulk_create(
        PatentListing(
            organization=owners[index % 4],
            title=f"Listing {index}",
            number=f"9{index:06d}",
            jurisdiction=PatentListing.Jurisdiction.CA,
            filing_date="2020-01-01",
            abstract="A cell chemistry.",
            licence_terms=PatentListing.Terms.FRAND,
            status=PatentListing.Status.AVAILABLE,
            published_at=now,
        )
        for index in range(count)
    )
    PatentListing.technology_areas.through.objects.bulk_create(
        PatentListing.technology_areas.through(patentlisting_id=listing.pk, technologyarea_id=area.pk)
        for index, listing in enumerate(listings)
        for area in (areas[index % len(areas)], areas[(index + 1) % len(areas)])
    )
    requests = LicenceRequest.objects.bulk_create(
        LicenceRequest(
            listing=listing, requesting_organization=requester, requested_by=asked_by, intended_use="Cells."
        )
        for listing in listings
        if listing.organization_id == owner.pk
    )
    LicenceRequestTransition.objects.bulk_create(
        LicenceRequestTransition(
            request=licence_request, from_status=from_status, to_status="pending", actor=asked_by
        )
        for licence_request in requests
        for from_status in ("", "pending")
    )
    LicenceRequestMessage.objects.bulk_create(
        LicenceRequestMessage(request=licence_request, author=asked_by, body=f"Message {number}")
        for licence_request in requests
        for number in range(2)
    )


@pytest.mark.parametrize("count", [10, 500])
def test_listing_list_runs_fixed_queries(api_client_for, member, organization, other_organization, count):
    build_pool(count, owner=other_organization, requester=organization, asked_by=member)
    client = api_client_for(member)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(listings_url(), {"page_size": 200})

    assert response.status_code == 200
    assert response.json()["count"] == count
    assert len(queries) <= MAX_LISTING_QUERIES, "\n".join(query["sql"] for query in queries)


@pytest.mark.parametrize("count", [10, 500])
def test_searched_and_filtered_listing_list_runs_fixed_queries(
    api_client_for, outsider, organization, other_organization, member, count
):
    build_pool(count, owner=other_organization, requester=organization, asked_by=member)
    client = api_client_for(outsider)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(listings_url(), {"q": "chemistry", "terms": "frand", "page_size": 200})

    assert response.status_code == 200
    assert response.json()["count"] == count
    assert len(queries) <= MAX_LISTING_QUERIES, "\n".join(query["sql"] for query in queries)


@pytest.mark.parametrize("count", [10, 500])
def test_request_list_runs_fixed_queries(api_client_for, outsider, organization, other_organization, count):
    asker = UserFactory()
    build_pool(count, owner=other_organization, requester=organization, asked_by=asker)
    client = api_client_for(outsider)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(requests_url(), {"page_size": 200})

    assert response.status_code == 200
    assert response.json()["count"] == count // 4 + (1 if count % 4 else 0)
    assert len(queries) <= MAX_REQUEST_LIST_QUERIES, "\n".join(query["sql"] for query in queries)


def test_request_detail_runs_fixed_queries(
    api_client_for, outsider, organization, other_organization, member
):
    build_pool(10, owner=other_organization, requester=organization, asked_by=member)
    licence_request = LicenceRequest.objects.first()
    client = api_client_for(outsider)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(request_url(licence_request.pk))

    assert response.status_code == 200
    assert len(response.json()["messages"]) == 2
    assert len(queries) <= MAX_REQUEST_DETAIL_QUERIES, "\n".join(query["sql"] for query in queries)
