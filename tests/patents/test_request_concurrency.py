"""Races on PostgreSQL: two licensing contacts accepting at once accept once; two people of the
same organization asking at once make one request; an answer racing a withdrawal of the listing
leaves no open request behind."""

import pytest
from django.core import mail

from apps.organizations.models import Membership
from apps.patents.models import LicenceRequest, LicenceRequestTransition, PatentListing
from apps.patents.services.listings import listing_withdraw
from apps.patents.services.requests import request_accept, request_create
from tests.concurrency import run_together
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .factories import LicenceRequestFactory, PatentListingFactory


def person_in(organization, role=Membership.Role.MEMBER):
    person = UserFactory()
    MembershipFactory(user=person, organization=organization, role=role)
    return person


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_licensing_contacts_accepting_at_once_accept_once():
    owner = OrganizationFactory(name="Race Owner")
    first, second = person_in(owner, Membership.Role.CONTACT), person_in(owner, Membership.Role.CONTACT)
    requesting = OrganizationFactory(name="Race Requester")
    licence_request = LicenceRequestFactory(
        listing=PatentListingFactory(organization=owner, technology_areas=[]),
        requesting_organization=requesting,
        requested_by=person_in(requesting),
    )
    mail.outbox.clear()

    outcomes = run_together(
        lambda: request_accept(
            licence_request=LicenceRequest.objects.get(pk=licence_request.pk), actor=first
        ),
        lambda: request_accept(
            licence_request=LicenceRequest.objects.get(pk=licence_request.pk), actor=second
        ),
    )

    assert outcomes == ["done", "refused"]
    assert LicenceRequestTransition.objects.filter(to_status="accepted").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_of_one_organization_asking_at_once_make_one_request():
    listing = PatentListingFactory(organization=OrganizationFactory(name="Race Owner"), technology_areas=[])
    requesting = OrganizationFactory(name="Race Requester")
    first, second = person_in(requesting), person_in(requesting)

    outcomes = run_together(
        *[
            lambda person=person: request_create(
                listing=listing, organization=requesting, requested_by=person, intended_use="Pilot line"
            )
            for person in (first, second)
        ]
    )

    assert outcomes == ["done", "refused"]
    assert LicenceRequest.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_request_racing_the_withdrawal_of_its_listing_is_not_left_open():
    owner = OrganizationFactory(name="Race Owner")
    contact = person_in(owner, Membership.Role.CONTACT)
    listing = PatentListingFactory(organization=owner, technology_areas=[])
    requesting = OrganizationFactory(name="Race Requester")
    person = person_in(requesting)

    run_together(
        lambda: request_create(
            listing=listing, organization=requesting, requested_by=person, intended_use="Pilot"
        ),
        lambda: listing_withdraw(listing=PatentListing.objects.get(pk=listing.pk), actor=contact),
    )

    assert PatentListing.objects.get(pk=listing.pk).status == PatentListing.Status.WITHDRAWN
    assert not LicenceRequest.objects.filter(status__in=LicenceRequest.OPEN).exists()
