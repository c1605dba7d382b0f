"""The public membership application form: who may use it, what it accepts and refuses, and the
e-mails it sends."""

import pytest
from django.core import mail

from apps.organizations.models import MembershipApplication, Organization
from tests.factories import MembershipApplicationFactory, UserFactory
from tests.organizations.application_helpers import (
    APPLY_DONE_URL,
    APPLY_URL,
    application_form_data,
    former_member,
    recipients,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["anonymous", "member", "suspended_member", "outsider", "staff"])
def test_anyone_can_open_the_application_form(request, client_for, role):
    user = None if role == "anonymous" else request.getfixturevalue(role)

    response = client_for(user).get(APPLY_URL)

    assert response.status_code == 200
    assert "Apply for membership" in response.content.decode()


def test_signed_in_person_finds_their_name_and_email_filled_in(client_for):
    person = UserFactory(full_name="Ada Applicant", email="ada@lakehead-anodes.ca", job_title="CEO")

    response = client_for(person).get(APPLY_URL)

    form = response.context["form"]
    assert form["applicant_name"].value() == "Ada Applicant"
    assert form["applicant_email"].value() == "ada@lakehead-anodes.ca"
    assert form["applicant_job_title"].value() == "CEO"


def test_newcomer_applies_and_gets_a_receipt(client_for, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(APPLY_URL, application_form_data(), follow=True)

    assert response.redirect_chain == [(APPLY_DONE_URL, 302)]
    assert "your application was sent to the secretariat" in response.content.decode()
    application = MembershipApplication.objects.get()
    assert application.organization_name == "Lakehead Anode Materials"
    assert application.status == MembershipApplication.Status.PENDING
    assert application.applicant_email == "ada@lakehead-anodes.ca"
    assert application.is_canadian_owned is True
    assert sorted(application.segments.values_list("code", flat=True)) == ["midstream", "recycling"]
    assert application.existing_organization is None
    assert application.language == "en"
    assert recipients(mail.outbox) == ["ada@lakehead-anodes.ca", "stella@alliance.ca"]
    receipt, notice = sorted(mail.outbox, key=lambda message: message.to[0])
    assert receipt.subject == "We received your application to the National Battery Alliance"
    assert "Thank you for applying to the National Battery Alliance." in receipt.body
    assert receipt.alternatives[0][1] == "text/html"
    assert notice.subject == "Application to review: Lakehead Anode Materials"
    assert f"/en/admin/organizations/membershipapplication/{application.pk}/change/" in notice.body


def test_every_active_staff_person_is_told_of_a_new_application(
    client_for, staff, django_capture_on_commit_callbacks
):
    UserFactory(email="second@alliance.ca", is_staff=True)
    UserFactory(email="gone@alliance.ca", is_staff=True, is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        client_for(None).post(APPLY_URL, application_form_data())

    notices = [message for message in mail.outbox if message.subject.startswith("Application to review")]
    assert recipients(notices) == ["second@alliance.ca", "stella@alliance.ca"]
    assert all(len(message.to) == 1 for message in notices)


def test_without_staff_the_secretariat_address_is_told(
    client_for, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAIL = "desk@alliance.example"

    with django_capture_on_commit_callbacks(execute=True):
        client_for(None).post(APPLY_URL, application_form_data())

    assert recipients(mail.outbox) == ["ada@lakehead-anodes.ca", "desk@alliance.example"]


def test_name_of_an_active_member_is_refused(client_for, organization, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(
            APPLY_URL, application_form_data(organization_name="  northern CELLS inc. ")
        )

    assert response.status_code == 400
    assert response.context["form"].errors["organization_name"] == [
        "Northern Cells Inc. is already a member of the alliance. Ask its organization contact to invite "
        "you instead."
    ]
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []


def test_name_under_review_is_refused(client_for, django_capture_on_commit_callbacks):
    MembershipApplicationFactory(organization_name="Lakehead Anode Materials")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(
            APPLY_URL, application_form_data(organization_name="lakehead  anode materials")
        )

    assert response.status_code == 400
    assert response.context["form"].errors["organization_name"] == [
        "An application for lakehead anode materials is already under review. The secretariat will "
        "reply soon."
    ]
    assert MembershipApplication.objects.count() == 1
    assert mail.outbox == []


def test_name_of_a_rejected_application_may_apply_again(client_for):
    MembershipApplicationFactory(
        organization_name="Lakehead Anode Materials", status=MembershipApplication.Status.REJECTED
    )

    response = client_for(None).post(APPLY_URL, application_form_data())

    assert response.status_code == 302
    assert MembershipApplication.objects.filter(status=MembershipApplication.Status.PENDING).count() == 1


@pytest.mark.parametrize("status", [Organization.Status.SUSPENDED, Organization.Status.LAPSED])
def test_former_member_applying_again_is_linked_to_its_record(
    client_for, status, staff, django_capture_on_commit_callbacks
):
    former = former_member(status=status, name="Lakehead Anode Materials")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(
            APPLY_URL, application_form_data(organization_name="LAKEHEAD ANODE MATERIALS")
        )

    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.existing_organization == former
    assert application.is_reapplication
    assert Organization.objects.count() == 1
    notice = next(message for message in mail.outbox if message.to == ["stella@alliance.ca"])
    assert notice.subject == "Re-application to review: LAKEHEAD ANODE MATERIALS"
    assert "This is a re-application" in notice.body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"organization_name": ""}, "organization_name", "This field is required."),
        ({"organization_name": "x" * 201}, "organization_name", "at most 200 characters"),
        ({"kind": ""}, "kind", "This field is required."),
        ({"kind": "pirates"}, "kind", "Select a valid choice."),
        ({"province": "ZZ"}, "province", "Select a valid choice."),
        ({"applicant_name": None}, "applicant_name", "This field is required."),
        ({"applicant_email": "not-an-address"}, "applicant_email", "Enter a valid email address."),
        ({"applicant_email": ""}, "applicant_email", "This field is required."),
        ({"applicant_job_title": "x" * 151}, "applicant_job_title", "at most 150 characters"),
        ({"website": "not a website"}, "website", "Enter a valid URL."),
        ({"description": "x" * 5001}, "description", "at most 5000 characters"),
        ({"segments": ["999999"]}, "segments", "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(
    client_for, overrides, field, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(APPLY_URL, application_form_data(**overrides))

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []


def test_empty_form_lists_every_required_field(client_for):
    response = client_for(None).post(APPLY_URL, {})

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {
        "organization_name",
        "kind",
        "province",
        "applicant_name",
        "applicant_email",
        "is_canadian_owned",
    }
    assert not MembershipApplication.objects.exists()


def test_applicant_must_declare_whether_they_are_canadian_owned(client_for):
    response = client_for(None).post(APPLY_URL, application_form_data(is_canadian_owned=None))

    assert response.status_code == 400
    assert response.context["form"].errors["is_canadian_owned"] == [
        "Say whether your organization is Canadian-owned."
    ]
    assert not MembershipApplication.objects.exists()


def test_applicant_declares_not_canadian_owned(client_for):
    client_for(None).post(APPLY_URL, application_form_data(is_canadian_owned="no"))

    assert MembershipApplication.objects.get().is_canadian_owned is False


def test_form_says_the_secretariat_confirms_the_declaration(client_for):
    html = client_for(None).get(APPLY_URL).content.decode()

    assert "Is your organization Canadian-owned?" in html
    assert "The secretariat confirms your answer before approving" in html


def test_a_bot_filling_the_hidden_field_is_thanked_but_nothing_is_written(
    client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(None).post(APPLY_URL, application_form_data(leave_empty="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == APPLY_DONE_URL
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []


def test_form_needs_csrf_token():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(APPLY_URL, application_form_data())

    assert response.status_code == 403
    assert not MembershipApplication.objects.exists()


def test_thank_you_page_is_public(client_for):
    response = client_for(None).get(APPLY_DONE_URL)

    assert response.status_code == 200
    assert "Application sent" in response.content.decode()
