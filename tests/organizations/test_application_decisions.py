"""The secretariat's decision on an application (the services the admin calls): approval makes
the organization an active member and its applicant the contact; rejection tells the applicant why."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.accounts.models import Invitation
from apps.core.errors import DomainError
from apps.organizations.models import (
    Membership,
    MembershipApplication,
    MembershipStatusChange,
    Organization,
    ValueChainSegment,
)
from apps.organizations.services.applications import (
    application_approve,
    application_reject,
    application_submit,
)
from apps.organizations.services.lifecycle import one_year_after
from tests.factories import (
    InvitationFactory,
    MembershipApplicationFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from tests.organizations.application_helpers import application_fields, former_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(db):
    application = MembershipApplicationFactory(
        organization_name="Lakehead Anode Materials",
        kind="industry",
        province="ON",
        city="Thunder Bay",
        is_canadian_owned=True,
        website="https://lakehead-anodes.example.ca",
        description="We make graphite anodes.",
        applicant_name="Ada Applicant",
        applicant_email="ada@lakehead-anodes.ca",
    )
    application.segments.set(ValueChainSegment.objects.filter(code__in=["midstream", "recycling"]))
    return application


def test_approval_creates_an_active_member_organization(
    application, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organization = application_approve(application=application, actor=staff)

    organization.refresh_from_db()
    today = timezone.localdate()
    assert organization.name == "Lakehead Anode Materials"
    assert organization.slug == "lakehead-anode-materials"
    assert organization.membership_status == Organization.Status.ACTIVE
    assert organization.joined_on == today
    assert organization.renewal_due_on == one_year_after(today)
    assert (organization.kind, organization.province, organization.city) == ("industry", "ON", "Thunder Bay")
    assert organization.is_canadian_owned is True
    assert organization.website == "https://lakehead-anodes.example.ca"
    assert sorted(organization.segments.values_list("code", flat=True)) == ["midstream", "recycling"]
    assert set(organization.history.values_list("history_user", flat=True)) == {staff.pk}
    change = MembershipStatusChange.objects.get(organization=organization)
    assert (change.from_status, change.to_status, change.changed_by) == ("", "active", staff)


def test_approval_creates_the_organization_with_the_ownership_staff_confirmed(application, staff):
    organization = application_approve(application=application, actor=staff, is_canadian_owned=False)

    assert organization.is_canadian_owned is False
    application.refresh_from_db()
    assert application.is_canadian_owned is True  # what the applicant declared stays on record


def test_reapplication_takes_the_ownership_staff_confirmed(staff):
    former = former_member(name="Lakehead Anode Materials", is_canadian_owned=False)
    application = application_submit(**application_fields(is_canadian_owned=True))

    organization = application_approve(application=application, actor=staff, is_canadian_owned=True)

    assert organization == former
    former.refresh_from_db()
    assert former.is_canadian_owned is True
    assert former.history.latest().history_user == staff


def test_approval_records_who_decided_and_when(application, staff):
    application_approve(application=application, actor=staff)

    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert application.decided_by == staff
    assert timezone.now() - application.decided_at < timedelta(minutes=1)
    assert application.history.first().history_user == staff


def test_approval_invites_the_applicant_as_contact(application, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organization = application_approve(application=application, actor=staff)

    invitation = Invitation.objects.get()
    assert invitation.organization == organization
    assert invitation.email == "ada@lakehead-anodes.ca"
    assert invitation.full_name == "Ada Applicant"
    assert invitation.role == Invitation.Role.CONTACT
    assert invitation.invited_by == staff
    assert [message.to for message in mail.outbox] == [["ada@lakehead-anodes.ca"], ["ada@lakehead-anodes.ca"]]
    subjects = sorted(message.subject for message in mail.outbox)
    assert "Welcome to the National Battery Alliance, Lakehead Anode Materials" in subjects
    welcome = next(message for message in mail.outbox if message.subject.startswith("Welcome"))
    assert "separate e-mail with a link to set your password" in welcome.body
    invitation_email = next(message for message in mail.outbox if message is not welcome)
    assert "/en/accounts/invitations/" in invitation_email.body


def test_slug_is_made_unique(application, staff):
    OrganizationFactory(name="Lakehead Anode Materials (old)", slug="lakehead-anode-materials")

    organization = application_approve(application=application, actor=staff)

    assert organization.slug == "lakehead-anode-materials-2"


@pytest.mark.parametrize("status", [Organization.Status.SUSPENDED, Organization.Status.LAPSED])
def test_reapplication_reinstates_the_former_record(status, staff, django_capture_on_commit_callbacks):
    former = former_member(status=status, name="Lakehead Anode Materials", renewal_due_on=date(2020, 1, 31))
    old_contact = UserFactory(email="old@lakehead-anodes.ca")
    MembershipFactory(user=old_contact, organization=former, role=Membership.Role.CONTACT)
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(**application_fields())
    assert application.existing_organization == former
    mail.outbox.clear()  # the receipt and the notice to staff

    with django_capture_on_commit_callbacks(execute=True):
        organization = application_approve(application=application, actor=staff)

    assert organization == former
    assert Organization.objects.count() == 1
    former.refresh_from_db()
    assert former.membership_status == Organization.Status.ACTIVE
    assert former.status_reason == "re-applied"
    assert former.renewal_due_on == one_year_after(timezone.localdate())
    change = former.status_changes.get()
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        status,
        "active",
        "re-applied",
        staff,
    )
    assert Invitation.objects.get().role == Invitation.Role.CONTACT
    # The applicant: welcome and invitation; the former contact: the reinstatement.
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "ada@lakehead-anodes.ca",
        "ada@lakehead-anodes.ca",
        "old@lakehead-anodes.ca",
    ]


def test_reapplication_already_reinstated_by_staff_only_adds_the_contact(staff):
    former = former_member(name="Lakehead Anode Materials")
    application = application_submit(**application_fields())
    former.membership_status = Organization.Status.ACTIVE
    former.save()

    organization = application_approve(application=application, actor=staff)

    assert organization == former
    assert not former.status_changes.exists()
    assert Invitation.objects.get().organization == former


def test_name_suspended_after_the_application_is_matched_at_approval(application, staff):
    late = former_member(name="LAKEHEAD anode materials", status=Organization.Status.SUSPENDED)

    organization = application_approve(application=application, actor=staff)

    assert organization == late
    application.refresh_from_db()
    assert application.existing_organization == late
    assert Organization.objects.count() == 1


def test_name_taken_by_an_active_member_since_the_application_is_not_approved(application, staff):
    OrganizationFactory(name="Lakehead Anode Materials")

    with pytest.raises(DomainError, match="already an active member; reject this application instead"):
        application_approve(application=application, actor=staff)

    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING
    assert Organization.objects.count() == 1
    assert not Invitation.objects.exists()


def test_applicant_who_already_belongs_is_made_contact_without_invitation(
    staff, django_capture_on_commit_callbacks
):
    former = former_member(name="Lakehead Anode Materials")
    applicant = UserFactory(email="ada@lakehead-anodes.ca", full_name="Ada Applicant")
    MembershipFactory(user=applicant, organization=former, role=Membership.Role.MEMBER)
    application = application_submit(**application_fields(applicant_email="ADA@lakehead-anodes.ca"))

    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=application, actor=staff)

    assert Membership.objects.get(user=applicant, organization=former).role == Membership.Role.CONTACT
    assert not Invitation.objects.exists()
    welcome = next(message for message in mail.outbox if message.subject.startswith("Welcome"))
    assert "You are now your organization's contact" in welcome.body


def test_colleagues_pending_invitation_is_replaced_by_a_contact_invitation(staff):
    former = former_member(name="Lakehead Anode Materials")
    earlier = InvitationFactory(organization=former, email="ada@lakehead-anodes.ca", role="member")
    application = application_submit(**application_fields())

    application_approve(application=application, actor=staff)

    earlier.refresh_from_db()
    assert earlier.revoked_at is not None
    assert Invitation.objects.pending().get().role == Invitation.Role.CONTACT


def test_second_approval_of_the_same_application_is_refused(
    application, staff, django_capture_on_commit_callbacks
):
    stale_copy = MembershipApplication.objects.get(pk=application.pk)
    application_approve(application=application, actor=staff)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(DomainError, match="already decided"),
    ):
        application_approve(application=stale_copy, actor=UserFactory(is_staff=True))

    assert Organization.objects.count() == 1
    assert Invitation.objects.count() == 1
    application.refresh_from_db()
    assert application.decided_by == staff
    assert mail.outbox == []


def test_rejected_application_cannot_be_approved(application, staff):
    application_reject(application=application, actor=staff, reason="Not a battery organization.")

    with pytest.raises(DomainError, match="already decided"):
        application_approve(application=application, actor=staff)

    assert not Organization.objects.exists()


def test_rejection_tells_the_applicant_why(application, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application_reject(application=application, actor=staff, reason="  Not a battery organization. ")

    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.REJECTED
    assert application.decision_note == "Not a battery organization."
    assert application.decided_by == staff
    assert application.decided_at is not None
    assert not Organization.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["ada@lakehead-anodes.ca"]
    assert message.subject == "Your application for Lakehead Anode Materials"
    assert "Not a battery organization." in message.body
    assert "Not a battery organization." in message.alternatives[0][0]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_rejection_needs_a_reason(application, staff, reason, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError) as raised:
        application_reject(application=application, actor=staff, reason=reason)

    assert raised.value.field == "reason"
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING
    assert mail.outbox == []


def test_approved_application_cannot_be_rejected(application, staff):
    application_approve(application=application, actor=staff)

    with pytest.raises(DomainError, match="already decided"):
        application_reject(application=application, actor=staff, reason="Changed our mind.")

    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED


def test_submit_refuses_a_second_pending_application_for_the_name():
    application_submit(**application_fields())

    with pytest.raises(DomainError, match="already under review"):
        application_submit(**application_fields(organization_name=" LAKEHEAD ANODE MATERIALS"))

    assert MembershipApplication.objects.count() == 1


def test_submit_checks_the_fields_itself():
    with pytest.raises(DomainError) as raised:
        application_submit(**application_fields(kind="pirates"))

    assert raised.value.field == "kind"
    assert not MembershipApplication.objects.exists()


def test_submit_records_the_applicants_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(**application_fields(), language="fr")

    assert application.language == "fr"
    assert [message.to for message in mail.outbox] == [
        ["ada@lakehead-anodes.ca"],
        ["secretariat@alliance.local"],
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_at_once_approve_once():
    """Two approvals race on separate connections; the conditional UPDATE lets one through."""
    import threading

    from django.db import connection

    staff_people = [UserFactory(is_staff=True), UserFactory(is_staff=True)]
    application = MembershipApplicationFactory(organization_name="Race Condition Batteries")
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(actor):
        try:
            barrier.wait()
            application_approve(application=MembershipApplication.objects.get(pk=application.pk), actor=actor)
            outcomes.append("approved")
        except DomainError as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(person,)) for person in staff_people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["This application was already decided.", "approved"]
    assert Organization.objects.filter(name="Race Condition Batteries").count() == 1
    assert Invitation.objects.count() == 1
