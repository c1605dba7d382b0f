from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.core.errors import Conflict, DomainError
from apps.core.models import Event
from apps.organizations.models import Membership
from apps.patents.models import LicenceRequest, LicenceRequestTransition, PatentListing
from apps.patents.services.requests import request_create
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .factories import LicenceRequestFactory, PatentListingFactory
from .requests_support import *  # noqa: F403


def create_url(listing):
    return reverse("patents:request_create", kwargs={"listing_pk": listing.pk})


def valid_data(organization):
    return {
        "organization": organization.pk,
        "intended_use": "Pilot line for dry-coated cathodes.",
        "message": "Hi",
    }


def test_requester_sends_a_request_and_the_owner_licensing_contacts_are_told(
    client_for, listing, requester, other_organization, contact, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(requester).post(create_url(listing), valid_data(other_organization))

    licence_request = LicenceRequest.objects.get()
    assert response.status_code == 302
    assert response.url == licence_request.get_absolute_url()
    assert licence_request.status == LicenceRequest.Status.PENDING
    assert licence_request.requested_by == requester
    assert licence_request.requesting_organization == other_organization
    assert list(LicenceRequestTransition.objects.values_list("from_status", "to_status", "actor")) == [
        ("", "pending", requester.pk)
    ]
    assert Event.objects.filter(kind=Event.Kind.LICENCE_REQUESTED).count() == 1
    assert [message.to for message in mail.outbox] == [[contact.email]]
    assert "Prairie Lithium Ltd." in mail.outbox[0].subject
    assert mail.outbox[0].alternatives


def test_the_form_offers_the_organizations_of_the_person_and_preselects_an_eligible_one(
    client_for, listing, requester, other_organization
):
    response = client_for(requester).get(create_url(listing))
    assert response.status_code == 200
    assert response.context["form"]["organization"].value() == other_organization.pk


def test_person_of_two_organizations_chooses_which_asks(client_for, listing, requester, other_organization):
    second = OrganizationFactory(name="Second Cells")
    MembershipFactory(user=requester, organization=second)
    response = client_for(requester).post(create_url(listing), valid_data(second))
    assert response.status_code == 302
    assert LicenceRequest.objects.get().requesting_organization == second


def assert_nothing_written():
    assert not LicenceRequest.objects.exists()
    assert not LicenceRequestTransition.objects.exists()
    assert not Event.objects.filter(kind=Event.Kind.LICENCE_REQUESTED).exists()
    assert mail.outbox == []


def test_own_listing_request_is_refused(client_for, listing, contact, organization):
    response = client_for(contact).post(create_url(listing), valid_data(organization))
    assert response.status_code == 400
    assert "your own organization" in response.content.decode()
    assert_nothing_written()


def test_second_open_request_is_a_conflict(client_for, pending_request, requester, other_organization):
    LicenceRequestTransition.objects.all().delete()
    response = client_for(requester).post(create_url(pending_request.listing), valid_data(other_organization))
    assert response.status_code == 409
    assert "already has an open request" in response.content.decode()
    assert LicenceRequest.objects.count() == 1
    assert not LicenceRequestTransition.objects.exists()
    assert mail.outbox == []


def test_a_new_request_is_allowed_once_the_previous_one_is_closed(
    client_for, listing, requester, other_organization
):
    LicenceRequestFactory(
        listing=listing, requesting_organization=other_organization, status=LicenceRequest.Status.DECLINED
    )
    response = client_for(requester).post(create_url(listing), valid_data(other_organization))
    assert response.status_code == 302
    assert LicenceRequest.objects.filter(status="pending").count() == 1


def test_expired_listing_is_refused(client_for, listing, requester, other_organization):
    PatentListing.objects.filter(pk=listing.pk).update(status=PatentListing.Status.EXPIRED)
    response = client_for(requester).post(create_url(listing), valid_data(other_organization))
    assert response.status_code == 404  # no longer in the pool: a requester cannot even see it
    assert_nothing_written()


def test_listing_past_its_expiry_date_is_refused_by_the_service(listing, requester, other_organization):
    PatentListing.objects.filter(pk=listing.pk).update(
        filing_date=timezone.localdate() - timedelta(days=7000),
        expiry_date=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(DomainError, match="expired"):
        request_create(
            listing=listing, organization=other_organization, requested_by=requester, intended_use="x"
        )
    assert_nothing_written()


@pytest.mark.parametrize(
    "change",
    [
        {"status": PatentListing.Status.WITHDRAWN},
        {"status": PatentListing.Status.DRAFT},
        {"status": PatentListing.Status.UNDER_NEGOTIATION},
        {"is_hidden": True},
    ],
)
def test_listing_that_is_not_available_is_refused_by_the_service(
    change, listing, requester, other_organization
):
    PatentListing.objects.filter(pk=listing.pk).update(**change)
    with pytest.raises(DomainError):
        request_create(
            listing=listing, organization=other_organization, requested_by=requester, intended_use="x"
        )
    assert_nothing_written()


def test_non_canadian_owned_organization_cannot_request_a_canadian_only_listing(
    client_for, listing, requester, other_organization
):
    PatentListing.objects.filter(pk=listing.pk).update(eligibility=PatentListing.Eligibility.CANADIAN_OWNED)
    other_organization.is_canadian_owned = False
    other_organization.save()
    response = client_for(requester).post(create_url(listing), valid_data(other_organization))
    assert response.status_code == 400
    assert "Only Canadian-owned member organizations" in response.content.decode()
    assert_nothing_written()


def test_canadian_owned_organization_can_request_a_canadian_only_listing(
    client_for, listing, requester, other_organization
):
    PatentListing.objects.filter(pk=listing.pk).update(eligibility=PatentListing.Eligibility.CANADIAN_OWNED)
    response = client_for(requester).post(create_url(listing), valid_data(other_organization))
    assert response.status_code == 302


def test_person_cannot_ask_for_an_organization_they_do_not_belong_to(listing, requester):
    stranger_organization = OrganizationFactory(name="Stranger Co")
    with pytest.raises(DomainError, match="organization you belong to"):
        request_create(
            listing=listing, organization=stranger_organization, requested_by=requester, intended_use="x"
        )
    assert_nothing_written()


def test_page_refuses_an_organization_not_offered(client_for, listing, requester):
    stranger_organization = OrganizationFactory(name="Stranger Co")
    response = client_for(requester).post(create_url(listing), valid_data(stranger_organization))
    assert response.status_code == 400
    assert_nothing_written()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"intended_use": ""}, "intended_use"),
        ({"intended_use": "x" * 5001}, "intended_use"),
        ({"message": "x" * 5001}, "message"),
        ({"organization": ""}, "organization"),
    ],
)
def test_bad_input_is_refused(client_for, listing, requester, other_organization, data, field):
    response = client_for(requester).post(create_url(listing), {**valid_data(other_organization), **data})
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert_nothing_written()


def test_service_conflict_from_the_database_constraint(listing, requester, other_organization):
    LicenceRequestFactory(listing=listing, requesting_organization=other_organization)
    with pytest.raises(Conflict):
        request_create(
            listing=listing, organization=other_organization, requested_by=requester, intended_use="x"
        )


def test_licensing_contacts_chosen_by_the_owner_are_the_only_ones_told(
    listing, organization, contact, requester, other_organization, django_capture_on_commit_callbacks
):
    chosen = UserFactory(email="lic@northern-cells.ca", preferred_language="fr")
    MembershipFactory(
        user=chosen, organization=organization, role=Membership.Role.CONTACT, handles_licensing=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        request_create(
            listing=listing, organization=other_organization, requested_by=requester, intended_use="x"
        )
    assert [message.to for message in mail.outbox] == [["lic@northern-cells.ca"]]
    assert mail.outbox[0].extra_headers["Content-Language"].startswith("fr")


@pytest.mark.parametrize("role", ["anonymous", "suspended_member", "staff", "contact", "requester"])
def test_create_page_role_matrix(role, request, client_for, listing, requester):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).get(create_url(listing))
    expected = {"anonymous": 302, "suspended_member": 302, "staff": 200, "contact": 200, "requester": 200}
    assert response.status_code == expected[role]
    if role == "anonymous":
        assert "/accounts/" in response.url or "login" in response.url
    if role == "suspended_member":
        assert response.url == reverse("organizations:membership_status")
    if role in ("staff", "contact"):
        assert response.context["eligible_organizations"] == []


def test_member_cannot_open_the_form_of_a_draft_listing_of_another_organization(
    client_for, requester, organization
):
    draft = PatentListingFactory(organization=organization, status=PatentListing.Status.DRAFT)
    assert client_for(requester).get(create_url(draft)).status_code == 404


def test_the_form_points_to_the_open_request_of_ones_organization(
    client_for, pending_request, requester_colleague
):
    response = client_for(requester_colleague).get(create_url(pending_request.listing))
    assert response.status_code == 200
    assert list(response.context["open_requests"]) == [pending_request]
    assert pending_request.get_absolute_url() in response.content.decode()
