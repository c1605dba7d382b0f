"""Fixtures for the listing pages: a published listing of `organization` and a valid form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.patents.models import PatentListing, TechnologyArea
from tests.patents.factories import MINIMAL_PDF, PatentListingFactory


@pytest.fixture
def listing(organization, contact):
    return PatentListingFactory(
        organization=organization,
        title="Dry electrode coating for solid-state cells",
        abstract="A solvent-free process that coats sulfide electrolytes onto cathode foils.",
        number="3012345",
    )


@pytest.fixture
def listing_with_pdf(listing):
    listing.document.save("claims.pdf", SimpleUploadedFile("claims.pdf", MINIMAL_PDF), save=True)
    return listing


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def pdf_upload(name="patent.pdf", content=MINIMAL_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def listing_form_data(**overrides):
    """A valid listing form; `version` is the edit form's (a new listing's form ignores it)."""
    data = {
        "version": 1,
        "title": "Lithium-metal anode protection layer",
        "number": "3098765",
        "jurisdiction": PatentListing.Jurisdiction.CA,
        "filing_date": "2020-01-15",
        "grant_date": "2022-05-01",
        "expiry_date": "2040-01-15",
        "technology_areas": [TechnologyArea.objects.get(code="lithium-metal").pk],
        "abstract": "A thin ceramic layer that suppresses dendrites.",
        "licence_terms": PatentListing.Terms.FRAND,
        "terms_note": "Field of use: stationary storage.",
        "eligibility": PatentListing.Eligibility.ANY_MEMBER,
    }
    data.update(overrides)
    return data
