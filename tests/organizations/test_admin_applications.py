"""Membership applications in the admin: the list, and approving or rejecting from the list's
actions or the buttons of the change page (with a page asking for the rejection reason)."""

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages
from django.core import mail

from apps.accounts.models import Invitation
from apps.organizations.models import MembershipApplication, Organization
from tests.factories import MembershipApplicationFactory, UserFactory
from tests.organizations.application_helpers import admin_sign_in_redirect, admin_url, former_member

pytestmark = pytest.mark.django_db

CHANGELIST = admin_url("membershipapplication_changelist")


@pytest.fixture
def application(db):
    return MembershipApplicationFactory(
        organization_name="Lakehead Anode Materials",
        applicant_name="Ada Applicant",
        applicant_email="ada@lakehead-anodes.ca",
    )


@pytest.fixture
def staff_without_permissions(db):
    return UserFactory(is_staff=True, email="intern@alliance.ca")


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _action(action, *applications, **extra):
    return {"action": action, helpers.ACTION_CHECKBOX_NAME: [a.pk for a in applications], **extra}


# Who gets in


@pytest.mark.parametrize("role", ["anonymous", "member", "contact", "suspended_member"])
def test_people_who_are_not_staff_are_sent_to_the_admin_sign_in(request, client_for, role, application):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    for path in [
        CHANGELIST,
        admin_url("membershipapplication_change", application.pk),
        admin_url("membershipapplication_approve", application.pk),
        admin_url("membershipapplication_reject", application.pk),
    ]:
        response = client_for(user).get(path)

        assert response.status_code == 302
        assert response["Location"] == admin_sign_in_redirect(path)


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_people_who_are_not_staff_cannot_approve_or_reject(
    request, client_for, role, application, django_capture_on_commit_callbacks
):
    client = client_for(None if role == "anonymous" else request.getfixturevalue(role))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_url("membershipapplication_approve", application.pk))
        client.post(admin_url("membershipapplication_reject", application.pk), {"reason": "No."})
        client.post(CHANGELIST, _action("approve_selected", application, index=0))

    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING
    assert not Organization.objects.filter(name="Lakehead Anode Materials").exists()
    assert mail.outbox == []


def test_staff_without_the_permission_cannot_decide(
    client_for, staff_without_permissions, application, django_capture_on_commit_callbacks
):
    client = client_for(staff_without_permissions)

    with django_capture_on_commit_callbacks(execute=True):
        approve = client.post(admin_url("membershipapplication_approve", application.pk))
        reject = client.post(admin_url("membershipapplication_reject", application.pk), {"reason": "No."})
        listing = client.get(CHANGELIST)

    assert (approve.status_code, reject.status_code, listing.status_code) == (403, 403, 403)
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING
    assert mail.outbox == []


# The list


@pytest.mark.parametrize("count", [5, 50])
def test_list_runs_a_fixed_number_of_queries(client_for, staff, count, django_assert_max_num_queries):
    for index in range(count):
        former = former_member(name=f"Former {index}") if index % 2 else None
        MembershipApplicationFactory(organization_name=f"Applicant {index}", existing_organization=former)
    client = client_for(staff)

    with django_assert_max_num_queries(12):
        response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_list_shows_reapplications_and_filters_them(client_for, staff, application):
    former = former_member(name="Old Cells Ltd.")
    MembershipApplicationFactory(organization_name="Old Cells Ltd.", existing_organization=former)

    response = client_for(staff).get(CHANGELIST, {"reapplication": "yes"})

    assert [row.organization_name for row in response.context["cl"].result_list] == ["Old Cells Ltd."]
    page = response.content.decode()
    assert "Former members" in page
    assert 'alt="True"' in page


def test_applications_are_not_added_in_the_admin(client_for, staff):
    response = client_for(staff).get(admin_url("membershipapplication_add"))

    assert response.status_code == 403


# The buttons of the change page


def test_pending_application_shows_approve_and_reject_buttons(client_for, staff, application):
    response = client_for(staff).get(admin_url("membershipapplication_change", application.pk))

    page = response.content.decode()
    assert admin_url("membershipapplication_approve", application.pk) in page
    assert admin_url("membershipapplication_reject", application.pk) in page


def test_decided_application_has_no_buttons_and_cannot_be_edited(client_for, staff, application):
    MembershipApplication.objects.filter(pk=application.pk).update(
        status=MembershipApplication.Status.REJECTED
    )

    response = client_for(staff).get(admin_url("membershipapplication_change", application.pk))

    page = response.content.decode()
    assert admin_url("membershipapplication_approve", application.pk) not in page
    assert list(response.context["adminform"].form.fields) == []


def test_approve_button_asks_for_confirmation(client_for, staff, application):
    response = client_for(staff).get(admin_url("membershipapplication_approve", application.pk))

    assert response.status_code == 200
    assert "Approving creates Lakehead Anode Materials as an active member" in response.content.decode()
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING


def test_approve_button_for_a_reapplication_explains_the_reinstatement(client_for, staff):
    former = former_member(name="Old Cells Ltd.")
    application = MembershipApplicationFactory(
        organization_name="Old Cells Ltd.", existing_organization=former
    )

    response = client_for(staff).get(admin_url("membershipapplication_approve", application.pk))

    assert (
        "This is a re-application: Old Cells Ltd. is a former member, now lapsed."
        in response.content.decode()
    )


def test_staff_approves_with_the_button(client_for, staff, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(admin_url("membershipapplication_approve", application.pk))

    organization = Organization.objects.get()
    assert response.status_code == 302
    assert response["Location"] == admin_url("organization_change", organization.pk)
    assert _messages(response) == [
        "Lakehead Anode Materials is now an active member; ada@lakehead-anodes.ca was made its contact."
    ]
    application.refresh_from_db()
    assert (application.status, application.decided_by) == (MembershipApplication.Status.APPROVED, staff)
    assert Invitation.objects.get().email == "ada@lakehead-anodes.ca"
    assert len(mail.outbox) == 2


def test_approve_button_shows_the_declared_canadian_ownership_to_confirm(client_for, staff):
    application = MembershipApplicationFactory(organization_name="Foreign Cells", is_canadian_owned=True)

    response = client_for(staff).get(admin_url("membershipapplication_approve", application.pk))

    page = response.content.decode()
    assert "The applicant declared the organization Canadian-owned." in page
    assert response.context["form"]["is_canadian_owned"].value() is True


def test_staff_corrects_the_declared_canadian_ownership_when_approving(client_for, staff):
    application = MembershipApplicationFactory(organization_name="Foreign Cells", is_canadian_owned=True)

    client_for(staff).post(admin_url("membershipapplication_approve", application.pk), {})

    organization = Organization.objects.get()
    assert organization.is_canadian_owned is False
    assert organization.history.latest().history_user == staff


def test_staff_confirms_the_declared_canadian_ownership_when_approving(client_for, staff):
    application = MembershipApplicationFactory(organization_name="Maple Cells", is_canadian_owned=False)

    client_for(staff).post(
        admin_url("membershipapplication_approve", application.pk), {"is_canadian_owned": "on"}
    )

    assert Organization.objects.get().is_canadian_owned is True


def test_second_click_on_approve_changes_nothing(
    client_for, staff, application, django_capture_on_commit_callbacks
):
    client = client_for(staff)
    client.post(admin_url("membershipapplication_approve", application.pk))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_url("membershipapplication_approve", application.pk))

    assert response["Location"] == admin_url("membershipapplication_change", application.pk)
    assert _messages(response)[-1] == "This application was already decided."
    assert Organization.objects.count() == 1
    assert Invitation.objects.count() == 1
    assert mail.outbox == []


def test_reject_button_asks_for_the_reason(client_for, staff, application):
    response = client_for(staff).get(admin_url("membershipapplication_reject", application.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Reject the application" in page
    assert 'name="reason"' in page


@pytest.mark.parametrize(("reason", "error"), [("", "This field is required."), ("x" * 501, "at most 500")])
def test_rejection_without_a_good_reason_is_refused(
    client_for, staff, application, reason, error, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            admin_url("membershipapplication_reject", application.pk), {"reason": reason}
        )

    assert response.status_code == 400
    assert error in " ".join(response.context["form"].errors["reason"])
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING
    assert mail.outbox == []


def test_staff_rejects_with_the_button(client_for, staff, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            admin_url("membershipapplication_reject", application.pk), {"reason": "Outside the value chain."}
        )

    assert response.status_code == 302
    assert response["Location"] == admin_url("membershipapplication_change", application.pk)
    assert _messages(response) == ["1 application(s) rejected; the applicants were told why."]
    application.refresh_from_db()
    assert (application.status, application.decision_note) == ("rejected", "Outside the value chain.")
    (message,) = mail.outbox
    assert message.to == ["ada@lakehead-anodes.ca"]
    assert "Outside the value chain." in message.body


def test_rejecting_a_decided_application_shows_why_not(client_for, staff, application):
    MembershipApplication.objects.filter(pk=application.pk).update(
        status=MembershipApplication.Status.APPROVED
    )

    response = client_for(staff).post(
        admin_url("membershipapplication_reject", application.pk), {"reason": "No."}
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["This application was already decided."]


# The list's actions


def test_approve_action_approves_each_selected_application(
    client_for, staff, application, django_capture_on_commit_callbacks
):
    second = MembershipApplicationFactory(organization_name="Second Cells")
    decided = MembershipApplicationFactory(organization_name="Decided Cells", status="rejected")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            CHANGELIST, _action("approve_selected", application, second, decided, index=0, apply="yes")
        )

    assert response.status_code == 302
    assert sorted(Organization.objects.values_list("name", flat=True)) == [
        "Lakehead Anode Materials",
        "Second Cells",
    ]
    assert _messages(response) == [
        "Decided Cells: This application was already decided.",
        "2 application(s) approved; the applicants were invited as contacts.",
    ]
    assert Invitation.objects.count() == 2


def test_approve_action_first_asks_staff_to_confirm_each_canadian_ownership(client_for, staff):
    maple = MembershipApplicationFactory(organization_name="Maple Cells", is_canadian_owned=True)
    foreign = MembershipApplicationFactory(organization_name="Foreign Cells", is_canadian_owned=False)

    response = client_for(staff).post(CHANGELIST, _action("approve_selected", maple, foreign, index=0))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'name="canadian_owned_{maple.pk}" id="canadian_owned_{maple.pk}" checked' in page
    assert f'name="canadian_owned_{foreign.pk}" id="canadian_owned_{foreign.pk}">' in page
    assert MembershipApplication.objects.filter(status="pending").count() == 2
    assert not Organization.objects.exists()


def test_approve_action_creates_each_organization_with_the_confirmed_canadian_ownership(
    client_for, staff, application
):
    foreign = MembershipApplicationFactory(organization_name="Foreign Cells", is_canadian_owned=True)

    client_for(staff).post(
        CHANGELIST,
        _action(
            "approve_selected",
            application,
            foreign,
            index=0,
            apply="yes",
            **{f"canadian_owned_{application.pk}": "on"},
        ),
    )

    owned = dict(Organization.objects.values_list("name", "is_canadian_owned"))
    assert owned == {"Lakehead Anode Materials": True, "Foreign Cells": False}


def test_reject_action_first_asks_for_the_reason(client_for, staff, application):
    second = MembershipApplicationFactory(organization_name="Second Cells")

    response = client_for(staff).post(CHANGELIST, _action("reject_selected", application, second, index=0))

    assert response.status_code == 200
    page = response.content.decode()
    assert "This applies to these 2:" in page
    assert "Lakehead Anode Materials" in page and "Second Cells" in page
    assert MembershipApplication.objects.filter(status="pending").count() == 2


def test_reject_action_without_reason_is_refused(
    client_for, staff, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            CHANGELIST, _action("reject_selected", application, apply="yes", reason="")
        )

    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["This field is required."]
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING
    assert mail.outbox == []


def test_reject_action_with_reason_rejects_each_one(
    client_for, staff, application, django_capture_on_commit_callbacks
):
    second = MembershipApplicationFactory(organization_name="Second Cells", applicant_email="bo@second.ca")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            CHANGELIST, _action("reject_selected", application, second, apply="yes", reason="Duplicate.")
        )

    assert response.status_code == 302
    assert _messages(response) == ["2 application(s) rejected; the applicants were told why."]
    assert set(MembershipApplication.objects.values_list("status", "decision_note")) == {
        ("rejected", "Duplicate.")
    }
    assert sorted(message.to[0] for message in mail.outbox) == ["ada@lakehead-anodes.ca", "bo@second.ca"]


def test_history_cannot_restore_an_old_version(client_for, staff, application):
    application.organization_name = "Renamed"
    application.save()
    first_version = application.history.last()

    response = client_for(staff).post(
        admin_url("membershipapplication_simple_history", application.pk, first_version.history_id),
        {"organization_name": "Lakehead Anode Materials"},
    )

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.organization_name == "Renamed"
