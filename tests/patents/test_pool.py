"""The pool: who browses it, what it shows, its filters and a listing's page."""

import pytest
from django.urls import reverse

from apps.organizations.models import Organization
from apps.patents.models import PatentListing, TechnologyArea
from tests.factories import OrganizationFactory
from tests.patents.factories import LicenceRequestFactory, PatentListingFactory

POOL_URL = reverse("patents:pool")


def detail_url(listing):
    return reverse("patents:listing_detail", kwargs={"pk": listing.pk})


def test_anonymous_and_suspended_cannot_browse(client_for, suspended_member):
    assert client_for(None).get(POOL_URL).url.startswith(reverse("accounts:login"))
    assert client_for(suspended_member).get(POOL_URL).url == reverse("organizations:membership_status")


@pytest.mark.parametrize("role", ["member", "contact", "outsider", "staff"])
def test_members_and_staff_browse_the_pool(request, client_for, listing, role):
    response = client_for(request.getfixturevalue(role)).get(POOL_URL)

    assert response.status_code == 200
    assert list(response.context["listings"]) == [listing]


def test_pool_leaves_out_drafts_withdrawn_expired_hidden_and_suspended_owners(client_for, outsider, listing):
    organization = listing.organization
    for status in ("draft", "withdrawn", "expired"):
        PatentListingFactory(organization=organization, status=status)
    PatentListingFactory(organization=organization, is_hidden=True, hidden_reason="Duplicate")
    PatentListingFactory(organization=OrganizationFactory(membership_status=Organization.Status.SUSPENDED))

    response = client_for(outsider).get(POOL_URL)

    assert list(response.context["listings"]) == [listing]


def test_filters_narrow_the_pool(client_for, outsider, organization, other_organization):
    wanted = PatentListingFactory(
        organization=organization,
        licence_terms=PatentListing.Terms.EXCLUSIVE,
        jurisdiction=PatentListing.Jurisdiction.US,
        technology_areas=[TechnologyArea.objects.get(code="recycling")],
    )
    PatentListingFactory(organization=organization, jurisdiction=PatentListing.Jurisdiction.US)
    PatentListingFactory(organization=other_organization, licence_terms=PatentListing.Terms.EXCLUSIVE)

    response = client_for(outsider).get(
        POOL_URL,
        {
            "technology_area": "recycling",
            "licence_terms": "exclusive",
            "jurisdiction": "US",
            "status": "available",
            "organization": organization.slug,
        },
    )

    assert list(response.context["listings"]) == [wanted]
    assert response.context["is_filtered"] is True


def test_a_bad_filter_is_refused_with_400(client_for, outsider, listing):
    response = client_for(outsider).get(POOL_URL, {"licence_terms": "free-for-all"})

    assert response.status_code == 400
    assert "licence_terms" in response.context["filter_form"].errors


def test_search_finds_a_word_of_the_abstract(client_for, outsider, listing):
    PatentListingFactory(organization=listing.organization, abstract="Nothing about it.")

    response = client_for(outsider).get(POOL_URL, {"q": "sulfide"})

    assert list(response.context["listings"]) == [listing]


def test_newest_listings_come_first(client_for, outsider, organization):
    older = PatentListingFactory(organization=organization)
    newer = PatentListingFactory(organization=organization)
    PatentListing.objects.filter(pk=older.pk).update(published_at=newer.published_at.replace(year=2020))

    response = client_for(outsider).get(POOL_URL)

    assert list(response.context["listings"]) == [newer, older]


def test_pool_is_paginated_by_twenty(client_for, outsider, organization):
    PatentListingFactory.create_batch(21, organization=organization)

    first = client_for(outsider).get(POOL_URL)
    second = client_for(outsider).get(POOL_URL, {"page": 2})

    assert len(first.context["listings"]) == 20
    assert len(second.context["listings"]) == 1


def _fill_pool(size):
    areas = list(TechnologyArea.objects.all()[:3])
    owners = [OrganizationFactory() for _ in range(3)]
    for index in range(size):
        PatentListingFactory(organization=owners[index % 3], technology_areas=areas[: index % 3 + 1])


@pytest.mark.parametrize("size", [10, 500])
def test_pool_runs_a_fixed_number_of_queries(client_for, outsider, size, django_assert_max_num_queries):
    _fill_pool(size)
    client = client_for(outsider)

    with django_assert_max_num_queries(12):
        response = client.get(POOL_URL, {"q": "battery", "sort": "newest"})

    assert response.status_code == 200
    assert len(response.context["listings"]) == min(size, 20)


@pytest.mark.parametrize(
    ("role", "status"), [("member", 200), ("outsider", 200), ("contact", 200), ("staff", 200)]
)
def test_who_opens_an_available_listing(request, client_for, listing, role, status):
    response = client_for(request.getfixturevalue(role)).get(detail_url(listing))

    assert response.status_code == status
    assert listing.title in response.text


@pytest.mark.parametrize(
    "state",
    [
        {"status": "draft"},
        {"status": "withdrawn"},
        {"status": "expired"},
        {"is_hidden": True, "hidden_reason": "Spam"},
    ],
)
def test_only_owner_contacts_and_staff_open_a_listing_out_of_the_pool(
    client_for, organization, contact, member, outsider, staff, state
):
    listing = PatentListingFactory(organization=organization, **state)

    statuses = [
        client_for(person).get(detail_url(listing)).status_code
        for person in (contact, staff, member, outsider)
    ]

    assert statuses == [200, 200, 404, 404]


def test_anonymous_and_suspended_cannot_open_a_listing(client_for, listing, suspended_member):
    assert client_for(None).get(detail_url(listing)).status_code == 302
    assert client_for(suspended_member).get(detail_url(listing)).url == reverse(
        "organizations:membership_status"
    )


def test_eligible_member_sees_request_button_owner_does_not(client_for, listing, outsider, contact):
    request_url = reverse("patents:request_create", kwargs={"listing_pk": listing.pk})

    assert request_url in client_for(outsider).get(detail_url(listing)).text
    owner_page = client_for(contact).get(detail_url(listing)).text
    assert request_url not in owner_page
    assert reverse("patents:listing_edit", kwargs={"pk": listing.pk}) in owner_page


def test_non_canadian_owned_member_sees_no_request_button(
    client_for, organization, other_organization, outsider
):
    listing = PatentListingFactory(
        organization=organization, eligibility=PatentListing.Eligibility.CANADIAN_OWNED
    )
    Organization.objects.filter(pk=other_organization.pk).update(is_canadian_owned=False)

    page = client_for(outsider).get(detail_url(listing)).text

    assert reverse("patents:request_create", kwargs={"listing_pk": listing.pk}) not in page


def test_owner_sees_why_its_listing_is_hidden(client_for, contact, organization):
    listing = PatentListingFactory(organization=organization, is_hidden=True, hidden_reason="Wrong number")

    page = client_for(contact).get(detail_url(listing)).text

    assert "The secretariat hid this listing from the pool: Wrong number" in page


def test_our_listings_shows_every_status_with_open_requests(client_for, contact, organization, listing):
    draft = PatentListingFactory(organization=organization, status=PatentListing.Status.DRAFT)
    LicenceRequestFactory(listing=listing)

    response = client_for(contact).get(reverse("patents:my_listings"))

    assert response.status_code == 200
    assert {each.pk: each.open_request_count for each in response.context["listings"]} == {
        listing.pk: 1,
        draft.pk: 0,
    }


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("staff", 403), ("outsider", 200)])
def test_who_opens_our_listings(request, client_for, role, status):
    assert client_for(request.getfixturevalue(role)).get(reverse("patents:my_listings")).status_code == status


@pytest.mark.django_db
def test_the_expiry_sweep_is_scheduled_daily():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="apps.patents.tasks.expire_listings_task")

    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == (
        "1",
        "15",
        "America/Toronto",
    )
