"""The PDF: checked by its content and size, stored under a random name, downloaded only by those
who may see the listing."""

import pytest
from django.core.files.uploadhandler import FileUploadHandler
from django.urls import reverse

from apps.patents.models import PatentListing, TechnologyArea
from apps.patents.services import listings as listing_services
from tests.patents.conftest import listing_form_data, pdf_upload
from tests.patents.factories import MINIMAL_PDF

CREATE_URL = reverse("patents:listing_create")


def document_url(listing):
    return reverse("patents:listing_document", kwargs={"pk": listing.pk})


def test_a_file_over_ten_megabytes_is_refused(client_for, contact):
    too_big = MINIMAL_PDF[:-6] + b"0" * (10 * 1024 * 1024) + b"%%EOF\n"

    response = client_for(contact).post(
        CREATE_URL, {**listing_form_data(), "document": pdf_upload(content=too_big)}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["document"] == ["The PDF is larger than 10 MB."]
    assert not PatentListing.objects.exists()


class RecordingUploadHandler(FileUploadHandler):
    """Stands where Django's memory and temporary-file handlers write what they receive: records
    how many bytes reached them."""

    received = 0

    def receive_data_chunk(self, raw_data, start):
        RecordingUploadHandler.received += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


def stored_files(settings):
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_an_oversized_pdf_is_never_written_past_the_limit(client_for, contact, settings):
    settings.FILE_UPLOAD_HANDLERS = [
        *settings.FILE_UPLOAD_HANDLERS[:-2],
        "tests.patents.test_upload_and_download.RecordingUploadHandler",
        *settings.FILE_UPLOAD_HANDLERS[-2:],
    ]
    RecordingUploadHandler.received = 0
    too_big = MINIMAL_PDF[:-6] + b"0" * (12 * 1024 * 1024) + b"%%EOF\n"

    response = client_for(contact).post(
        CREATE_URL, {**listing_form_data(), "document": pdf_upload(content=too_big)}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["document"] == ["The PDF is larger than 10 MB."]
    assert response.context["form"]["title"].value() == listing_form_data()["title"]
    assert RecordingUploadHandler.received <= 10 * 1024 * 1024
    assert stored_files(settings) == []


def test_a_refused_save_leaves_no_stored_pdf(contact, organization, listing_with_pdf, settings, monkeypatch):
    # Two contacts list the same number at once: the pre-check passes for both, the database's
    # unique constraint refuses the second after its PDF was stored.
    monkeypatch.setattr(listing_services, "_number_check", lambda **kwargs: None)
    files_before = stored_files(settings)
    data = {
        **listing_form_data(number=listing_with_pdf.number),
        "jurisdiction": listing_with_pdf.jurisdiction,
    }
    del data["technology_areas"]
    del data["version"]  # the edit page's; a new listing has none yet

    with pytest.raises(listing_services.DomainError):
        listing_services.listing_create(
            organization=organization,
            actor=contact,
            technology_areas=list(TechnologyArea.objects.all()[:1]),
            document=pdf_upload(),
            **data,
        )

    assert stored_files(settings) == files_before
    assert PatentListing.objects.count() == 1


def test_a_refused_edit_keeps_the_old_pdf_and_stores_no_new_one(
    contact, organization, listing_with_pdf, settings, monkeypatch
):
    other = PatentListing.objects.create(
        **{
            field.name: getattr(listing_with_pdf, field.name)
            for field in PatentListing._meta.concrete_fields
            if field.name not in ("id", "document", "number")
        },
        number="3099999",
    )
    monkeypatch.setattr(listing_services, "_number_check", lambda **kwargs: None)
    files_before = stored_files(settings)
    data = {
        **listing_form_data(number=listing_with_pdf.number),
        "jurisdiction": listing_with_pdf.jurisdiction,
    }
    del data["technology_areas"]

    with pytest.raises(listing_services.DomainError):
        listing_services.listing_update(
            listing=other,
            actor=contact,
            technology_areas=list(TechnologyArea.objects.all()[:1]),
            document=pdf_upload(),
            **data,
        )

    assert stored_files(settings) == files_before
    listing_with_pdf.refresh_from_db()
    assert listing_with_pdf.document.storage.exists(listing_with_pdf.document.name)


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 a zip file renamed", b"%PDF-1.4 but cut short", b"<html>%%EOF</html>"],
)
def test_a_non_pdf_renamed_to_pdf_is_refused(client_for, contact, content):
    response = client_for(contact).post(
        CREATE_URL, {**listing_form_data(), "document": pdf_upload("claims.pdf", content)}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["document"] == ["This file is not a PDF document."]
    assert not PatentListing.objects.exists()


def test_editing_replaces_and_clears_the_pdf(client_for, contact, listing_with_pdf):
    url = reverse("patents:listing_edit", kwargs={"pk": listing_with_pdf.pk})
    first_name = listing_with_pdf.document.name

    client_for(contact).post(url, {**listing_form_data(), "document": pdf_upload("new.pdf")})
    listing_with_pdf.refresh_from_db()
    replaced_name = listing_with_pdf.document.name
    client_for(contact).post(url, {**listing_form_data(version=2), "document-clear": "on"})
    listing_with_pdf.refresh_from_db()

    assert replaced_name != first_name and replaced_name.startswith("patents/")
    assert not listing_with_pdf.document


@pytest.mark.parametrize("role", ["member", "outsider", "contact", "staff"])
def test_those_who_see_the_listing_download_its_pdf(request, client_for, listing_with_pdf, role):
    response = client_for(request.getfixturevalue(role)).get(document_url(listing_with_pdf))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="ca-3012345.pdf"'
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_anonymous_download_goes_to_sign_in(client_for, listing_with_pdf):
    response = client_for(None).get(document_url(listing_with_pdf))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_suspended_member_cannot_download(client_for, suspended_member, listing_with_pdf):
    response = client_for(suspended_member).get(document_url(listing_with_pdf))

    assert response.url == reverse("organizations:membership_status")


@pytest.mark.parametrize("state", [{"status": "draft"}, {"status": "withdrawn"}, {"is_hidden": True}])
def test_member_cannot_download_the_pdf_of_a_listing_out_of_the_pool(
    client_for, member, outsider, contact, listing_with_pdf, state
):
    PatentListing.objects.filter(pk=listing_with_pdf.pk).update(**state)

    assert client_for(outsider).get(document_url(listing_with_pdf)).status_code == 404
    assert client_for(member).get(document_url(listing_with_pdf)).status_code == 404
    assert client_for(contact).get(document_url(listing_with_pdf)).status_code == 200


def test_listing_without_pdf_has_no_download(client_for, outsider, listing):
    assert client_for(outsider).get(document_url(listing)).status_code == 404
