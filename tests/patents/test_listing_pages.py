"""Listing, editing, publishing and withdrawing a patent: who may, and what bad input does."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.core.models import Event
from apps.organizations.models import Membership
from apps.patents.models import LicenceRequest, PatentListing
from tests.factories import MembershipFactory, OrganizationFactory
from tests.patents.conftest import listing_form_data, pdf_upload
from tests.patents.factories import LicenceRequestFactory, PatentListingFactory

CREATE_URL = reverse("patents:listing_create")


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("outsider", 200), ("staff", 403), ("contact", 200)],
)
def test_who_may_open_the_new_listing_page(request, client_for, role, status):
    user = request.getfixturevalue(role)

    response = client_for(user).get(CREATE_URL)

    assert response.status_code == status


def test_anonymous_and_suspended_are_sent_away_from_new_listing(client_for, suspended_member):
    assert client_for(None).get(CREATE_URL).url.startswith(reverse("accounts:login"))
    assert client_for(suspended_member).get(CREATE_URL).url == reverse("organizations:membership_status")


def test_contact_lists_a_patent_as_a_draft_with_its_pdf(client_for, contact, organization):
    response = client_for(contact).post(
        CREATE_URL, {**listing_form_data(), "document": pdf_upload("My Claims.pdf")}
    )

    listing = PatentListing.objects.get()
    assert response.status_code == 302
    assert response.url == listing.get_absolute_url()
    assert listing.organization == organization
    assert listing.status == PatentListing.Status.DRAFT
    assert listing.created_by == contact
    assert [area.code for area in listing.technology_areas.all()] == ["lithium-metal"]
    assert listing.document.name.startswith("patents/")
    assert "Claims" not in listing.document.name


def test_contact_of_two_organizations_chooses_which_one_lists(client_for, contact, organization):
    second = OrganizationFactory(name="Second Cells")
    MembershipFactory(user=contact, organization=second, role=Membership.Role.CONTACT)

    page = client_for(contact).get(CREATE_URL)
    response = client_for(contact).post(CREATE_URL, listing_form_data(organization=second.pk))

    assert 'name="organization"' in page.text and "Second Cells" in page.text
    assert response.status_code == 302
    assert PatentListing.objects.get().organization == second


def test_contact_cannot_list_for_an_organization_they_do_not_speak_for(
    client_for, contact, other_organization
):
    response = client_for(contact).post(CREATE_URL, listing_form_data(organization=other_organization.pk))

    assert response.status_code == 302
    assert not PatentListing.objects.filter(organization=other_organization).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"title": "x" * 301}, "title", "Ensure this value has at most 300 characters"),
        ({"technology_areas": []}, "technology_areas", "This field is required."),
        ({"expiry_date": "2019-01-01"}, "expiry_date", "The expiry date must be after the filing date."),
        ({"grant_date": "2019-01-01"}, "grant_date", "The grant date cannot be before the filing date."),
        ({"filing_date": "not a date"}, "filing_date", "Enter a valid date."),
    ],
)
def test_bad_listing_input_is_refused(client_for, contact, overrides, field, message):
    response = client_for(contact).post(CREATE_URL, listing_form_data(**overrides))

    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert not PatentListing.objects.exists()


def test_same_number_twice_is_refused(client_for, contact, listing):
    response = client_for(contact).post(CREATE_URL, listing_form_data(number=listing.number))

    assert response.status_code == 400
    assert response.context["form"].errors["number"] == [
        "Your organization already lists this number in this jurisdiction."
    ]
    assert PatentListing.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "status"), [("member", 403), ("outsider", 403), ("contact", 200), ("staff", 200)]
)
def test_who_may_edit_a_listing(request, client_for, listing, role, status):
    user = request.getfixturevalue(role)

    response = client_for(user).get(reverse("patents:listing_edit", kwargs={"pk": listing.pk}))

    assert response.status_code == status


def test_contact_edits_a_listing(client_for, contact, listing):
    url = reverse("patents:listing_edit", kwargs={"pk": listing.pk})

    response = client_for(contact).post(url, listing_form_data(title="A better title"))

    listing.refresh_from_db()
    assert response.status_code == 302
    assert listing.title == "A better title"
    assert listing.status == PatentListing.Status.AVAILABLE


def test_outsider_edit_is_refused_and_changes_nothing(client_for, outsider, listing):
    url = reverse("patents:listing_edit", kwargs={"pk": listing.pk})

    response = client_for(outsider).post(url, listing_form_data(title="Taken over"))

    listing.refresh_from_db()
    assert response.status_code == 403
    assert listing.title == "Dry electrode coating for solid-state cells"


def test_member_cannot_edit_a_draft_it_does_not_see(client_for, outsider, organization):
    draft = PatentListingFactory(organization=organization, status=PatentListing.Status.DRAFT)

    response = client_for(outsider).get(reverse("patents:listing_edit", kwargs={"pk": draft.pk}))

    assert response.status_code == 404


def test_contact_publishes_a_draft(client_for, contact, organization):
    draft = PatentListingFactory(organization=organization, status=PatentListing.Status.DRAFT)

    response = client_for(contact).post(reverse("patents:listing_publish", kwargs={"pk": draft.pk}))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == PatentListing.Status.AVAILABLE
    assert draft.published_at is not None
    assert Event.objects.filter(kind=Event.Kind.LISTING_PUBLISHED, subject_id=draft.pk).count() == 1


def test_publishing_twice_is_a_conflict(client_for, contact, listing):
    response = client_for(contact).post(reverse("patents:listing_publish", kwargs={"pk": listing.pk}))

    assert response.status_code == 409
    assert "Only a draft can be published." in response.text
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("role", "statuses"), [("member", (404, 403)), ("outsider", (404, 403)), ("anonymous", (302, 302))]
)
def test_others_cannot_publish_or_withdraw(request, client_for, organization, listing, role, statuses):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    draft = PatentListingFactory(organization=organization, status=PatentListing.Status.DRAFT)

    publish = client_for(user).post(reverse("patents:listing_publish", kwargs={"pk": draft.pk}))
    withdraw = client_for(user).post(reverse("patents:listing_withdraw", kwargs={"pk": listing.pk}))

    assert (publish.status_code, withdraw.status_code) == statuses
    assert set(PatentListing.objects.values_list("status", flat=True)) == {"draft", "available"}


def test_publish_is_post_only(client_for, contact, listing):
    response = client_for(contact).get(reverse("patents:listing_publish", kwargs={"pk": listing.pk}))

    assert response.status_code == 405


def test_withdrawing_declines_open_requests_and_tells_requesters(
    client_for, contact, listing, other_organization, outsider, django_capture_on_commit_callbacks
):
    request = LicenceRequestFactory(
        listing=listing, requesting_organization=other_organization, requested_by=outsider
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(
            reverse("patents:listing_withdraw", kwargs={"pk": listing.pk}), {"reason": "Sold the patent"}
        )

    listing.refresh_from_db()
    request.refresh_from_db()
    assert response.status_code == 302
    assert listing.status == PatentListing.Status.WITHDRAWN
    assert request.status == LicenceRequest.Status.DECLINED
    assert request.decline_reason == "Sold the patent"
    assert [message.to for message in mail.outbox] == [[outsider.email]]
    assert Event.objects.filter(kind=Event.Kind.LISTING_WITHDRAWN).count() == 1


def test_withdrawing_a_draft_is_refused(client_for, contact, organization):
    draft = PatentListingFactory(organization=organization, status=PatentListing.Status.DRAFT)

    response = client_for(contact).post(reverse("patents:listing_withdraw", kwargs={"pk": draft.pk}))

    draft.refresh_from_db()
    assert response.status_code == 409
    assert draft.status == PatentListing.Status.DRAFT


def test_overlong_withdraw_reason_is_refused(client_for, contact, listing):
    response = client_for(contact).post(
        reverse("patents:listing_withdraw", kwargs={"pk": listing.pk}), {"reason": "x" * 1001}
    )

    listing.refresh_from_db()
    assert response.status_code == 400
    assert listing.status == PatentListing.Status.AVAILABLE
