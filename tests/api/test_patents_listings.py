"""/api/v1/patents/listings/: who may read which listings, filters, search, ordering and pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.organizations.models import Organization
from apps.patents.models import PatentListing, TechnologyArea
from tests.api.patents_fixtures import listing_of, listing_url, listings_url
from tests.factories import OrganizationFactory
from tests.patents.factories import MINIMAL_PDF

Status = PatentListing.Status


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


@pytest.fixture
def listings_of_every_status(other_organization):
    """One listing of Prairie Lithium per status, one hidden, one of a suspended owner."""
    listings = {
        status: listing_of(other_organization, status=status, title=f"Prairie {status}") for status in Status
    }
    listings["hidden"] = listing_of(
        other_organization, title="Prairie hidden", is_hidden=True, hidden_reason="Duplicate listing"
    )
    suspended = OrganizationFactory(name="Dormant Co.", membership_status=Organization.Status.SUSPENDED)
    listings["suspended_owner"] = listing_of(suspended, title="Dormant available")
    return listings


def test_anonymous_caller_gets_401(api_client_for, listing):
    response = api_client_for(None).get(listings_url())

    assert response.status_code == 401
    assert api_client_for(None).get(listing_url(listing.pk)).status_code == 401


def test_person_of_suspended_organization_gets_403(api_client_for, suspended_member, listing):
    assert api_client_for(suspended_member).get(listings_url()).status_code == 403
    assert api_client_for(suspended_member).get(listing_url(listing.pk)).status_code == 403


def test_member_sees_the_pool_only(api_client_for, member, listings_of_every_status):
    response = api_client_for(member).get(listings_url(), {"ordering": "newest"})

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Prairie available", "Prairie licensed", "Prairie under_negotiation"]


def test_owner_contact_also_sees_every_listing_of_their_organization(
    api_client_for, outsider, listings_of_every_status
):
    response = api_client_for(outsider).get(listings_url())

    assert sorted(titles(response)) == sorted([f"Prairie {status}" for status in Status] + ["Prairie hidden"])


def test_owner_plain_member_sees_only_the_pool(api_client_for, owner_member, listings_of_every_status):
    response = api_client_for(owner_member).get(listings_url())

    assert sorted(titles(response)) == ["Prairie available", "Prairie licensed", "Prairie under_negotiation"]


def test_staff_sees_every_listing(api_client_for, staff, listings_of_every_status):
    response = api_client_for(staff).get(listings_url())

    assert response.json()["count"] == len(listings_of_every_status)


@pytest.mark.parametrize(
    "hidden_kind", [Status.DRAFT, Status.WITHDRAWN, Status.EXPIRED, "hidden", "suspended_owner"]
)
def test_member_cannot_open_a_listing_outside_the_pool(
    api_client_for, member, listings_of_every_status, hidden_kind
):
    response = api_client_for(member).get(listing_url(listings_of_every_status[hidden_kind].pk))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("kind", [Status.DRAFT, Status.WITHDRAWN, "hidden"])
def test_owner_contact_and_staff_open_listings_outside_the_pool(
    api_client_for, outsider, staff, listings_of_every_status, kind
):
    listing = listings_of_every_status[kind]

    for person in (outsider, staff):
        response = api_client_for(person).get(listing_url(listing.pk))
        assert response.status_code == 200
        assert response.json()["title"] == listing.title


def test_detail_shows_the_listing_in_full(api_client_for, member, listing):
    response = api_client_for(member).get(listing_url(listing.pk))

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Dry electrode coating"
    assert body["abstract"] == "A solvent-free cathode coating process."
    assert body["organization"] == {"slug": listing.organization.slug, "name": "Prairie Lithium Ltd."}
    assert body["technology_areas"] == [
        {"code": "solid-state", "name": TechnologyArea.objects.get(code="solid-state").name}
    ]
    assert body["status_label"] == "Available"
    assert body["licence_terms_label"] == "Royalty-free to members"
    assert body["document_url"] is None
    assert body["page_url"].endswith(listing.get_absolute_url())
    assert body["hidden_reason"] == ""


def test_hidden_reason_shown_to_owner_contact(api_client_for, outsider, listings_of_every_status):
    response = api_client_for(outsider).get(listing_url(listings_of_every_status["hidden"].pk))

    assert response.json()["is_hidden"] is True
    assert response.json()["hidden_reason"] == "Duplicate listing"


def test_unknown_listing_is_404(api_client_for, member, db):
    assert api_client_for(member).get(listing_url(999999)).status_code == 404


def test_filters_by_terms_status_jurisdiction_area_and_owner(api_client_for, member, other_organization):
    battery_recycling = TechnologyArea.objects.exclude(code="solid-state").first()
    listing_of(
        other_organization, title="FRAND US", licence_terms=PatentListing.Terms.FRAND, jurisdiction="US"
    )
    listing_of(
        other_organization,
        title="Exclusive licensed",
        licence_terms=PatentListing.Terms.EXCLUSIVE,
        status=Status.LICENSED,
        technology_areas=[battery_recycling],
    )
    other_owner = OrganizationFactory(name="Eastern Anodes")
    listing_of(other_owner, title="Eastern royalty-free")
    client = api_client_for(member)

    assert titles(client.get(listings_url(), {"terms": "frand"})) == ["FRAND US"]
    assert titles(client.get(listings_url(), {"status": "licensed"})) == ["Exclusive licensed"]
    assert titles(client.get(listings_url(), {"jurisdiction": "US"})) == ["FRAND US"]
    assert titles(client.get(listings_url(), {"technology_area": battery_recycling.code})) == [
        "Exclusive licensed"
    ]
    assert titles(client.get(listings_url(), {"organization": other_owner.slug})) == ["Eastern royalty-free"]
    assert sorted(titles(client.get(listings_url(), {"terms": ["frand", "exclusive"]}))) == [
        "Exclusive licensed",
        "FRAND US",
    ]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("terms", "free"),
        ("status", "lost"),
        ("jurisdiction", "XX"),
        ("technology_area", "nope"),
        ("organization", "nobody"),
        ("ordering", "oldest"),
    ],
)
def test_unknown_filter_value_is_400(api_client_for, member, listing, parameter, value):
    response = api_client_for(member).get(listings_url(), {parameter: value})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert parameter in response.json()["fields"]


def test_search_finds_a_word_of_the_abstract(api_client_for, member, listing, other_organization):
    listing_of(other_organization, title="Sodium-ion anode", abstract="Hard carbon for sodium cells.")

    response = api_client_for(member).get(listings_url(), {"q": "cathode"})

    assert titles(response) == ["Dry electrode coating"]


def test_search_finds_a_number(api_client_for, member, listing):
    response = api_client_for(member).get(listings_url(), {"q": "3100001"})

    assert titles(response) == ["Dry electrode coating"]


def test_newest_first_by_default(api_client_for, member, other_organization):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    listing_of(other_organization, title="Older", published_at=now - timedelta(days=5))
    listing_of(other_organization, title="Newer", published_at=now - timedelta(days=1))

    assert titles(api_client_for(member).get(listings_url())) == ["Newer", "Older"]


def test_pages_of_listings(api_client_for, member, other_organization):
    for number in range(5):
        listing_of(other_organization, title=f"Listing {number}")

    response = api_client_for(member).get(listings_url(), {"page_size": 2, "page": 3})

    assert response.status_code == 200
    assert response.json()["count"] == 5
    assert len(response.json()["results"]) == 1
    assert api_client_for(member).get(listings_url(), {"page_size": 2, "page": 4}).status_code == 404


def test_document_url_is_the_pages_download_link_not_the_file(
    api_client_for, member, listing, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    listing.document = SimpleUploadedFile("claims.pdf", MINIMAL_PDF, content_type="application/pdf")
    listing.save()

    body = api_client_for(member).get(listing_url(listing.pk)).json()

    assert body["document_url"] == "http://testserver" + reverse(
        "patents:listing_document", kwargs={"pk": listing.pk}
    )
    assert "claims" not in body["document_url"]
    assert listing.document.name not in body["document_url"]
