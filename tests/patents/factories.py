"""factory_boy factories for the patent pool. Shared by the listings, requests and API tests."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from apps.patents.models import (
    LicenceRequest,
    LicenceRequestMessage,
    LicenceRequestTransition,
    PatentListing,
    TechnologyArea,
)
from tests.factories import OrganizationFactory, UserFactory

# The smallest file that passes the upload's content check.
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class TechnologyAreaFactory(factory.django.DjangoModelFactory):
    """The eleven areas exist from a migration; this returns one of them by code."""

    class Meta:
        model = TechnologyArea
        django_get_or_create = ["code"]

    code = "solid-state"
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())


class PatentListingFactory(factory.django.DjangoModelFactory):
    """An available listing by default. `technology_areas=[...]` sets its areas (default: solid-state)."""

    class Meta:
        model = PatentListing
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Battery invention {n}")
    number = factory.Sequence(lambda n: f"3{n:06d}")
    jurisdiction = PatentListing.Jurisdiction.CA
    filing_date = date(2019, 3, 1)
    grant_date = date(2021, 6, 15)
    expiry_date = date(2039, 3, 1)
    abstract = "A method for improving the cycle life of lithium-ion cells."
    licence_terms = PatentListing.Terms.ROYALTY_FREE
    eligibility = PatentListing.Eligibility.ANY_MEMBER
    status = PatentListing.Status.AVAILABLE
    published_at = factory.LazyAttribute(
        lambda o: None if o.status == PatentListing.Status.DRAFT else timezone.now() - timedelta(days=1)
    )

    @factory.post_generation
    def technology_areas(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [TechnologyArea.objects.get(code="solid-state")]
        obj.technology_areas.set(extracted)


class LicenceRequestFactory(factory.django.DjangoModelFactory):
    """A pending request by `requested_by` (a new person) for `requesting_organization`."""

    class Meta:
        model = LicenceRequest

    listing = factory.SubFactory(PatentListingFactory)
    requesting_organization = factory.SubFactory(OrganizationFactory)
    requested_by = factory.SubFactory(UserFactory)
    intended_use = "Pilot production of solid-state cells."
    message = "We would like to discuss terms."
    status = LicenceRequest.Status.PENDING


class LicenceRequestTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LicenceRequestTransition

    request = factory.SubFactory(LicenceRequestFactory)
    from_status = ""
    to_status = LicenceRequest.Status.PENDING
    actor = factory.SelfAttribute("request.requested_by")


class LicenceRequestMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LicenceRequestMessage

    request = factory.SubFactory(LicenceRequestFactory)
    author = factory.SelfAttribute("request.requested_by")
    body = "Could you share the claims in force?"
