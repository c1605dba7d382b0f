"""The life of a membership: staff suspend, mark lapsed and reinstate, each with a reason that is
recorded and sent to the organization's contacts."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.accounts.membership import is_portal_member
from apps.core.errors import DomainError
from apps.organizations.models import Membership, MembershipStatusChange, Organization
from apps.organizations.services.lifecycle import (
    one_year_after,
    organization_mark_lapsed,
    organization_reinstate,
    organization_suspend,
)
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Organization.Status
SERVICES = {
    Status.SUSPENDED: organization_suspend,
    Status.LAPSED: organization_mark_lapsed,
    Status.ACTIVE: organization_reinstate,
}
ALLOWED = [
    (Status.ACTIVE, Status.SUSPENDED),
    (Status.ACTIVE, Status.LAPSED),
    (Status.SUSPENDED, Status.LAPSED),
    (Status.LAPSED, Status.SUSPENDED),
    (Status.SUSPENDED, Status.ACTIVE),
    (Status.LAPSED, Status.ACTIVE),
]
REFUSED = [
    (Status.ACTIVE, Status.ACTIVE, "Northern Cells Inc. is already active."),
    (Status.SUSPENDED, Status.SUSPENDED, "Northern Cells Inc. is already suspended."),
    (Status.LAPSED, Status.LAPSED, "Northern Cells Inc. is already lapsed."),
]


def _set_status(organization, status):
    Organization.objects.filter(pk=organization.pk).update(membership_status=status)
    organization.refresh_from_db()


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_allowed_transition_is_recorded_with_its_reason(
    organization, contact, staff, from_status, to_status, django_capture_on_commit_callbacks
):
    _set_status(organization, from_status)

    with django_capture_on_commit_callbacks(execute=True):
        change = SERVICES[to_status](organization=organization, actor=staff, reason="  Board decision 12. ")

    organization.refresh_from_db()
    assert organization.membership_status == to_status
    assert organization.status_reason == "Board decision 12."
    assert MembershipStatusChange.objects.get() == change
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        from_status,
        to_status,
        "Board decision 12.",
        staff,
    )
    assert organization.history.first().history_user == staff
    (message,) = mail.outbox
    assert message.to == ["carla@northern-cells.ca"]
    assert "Board decision 12." in message.body


@pytest.mark.parametrize(("from_status", "to_status", "message"), REFUSED)
def test_transition_to_the_same_status_is_refused(
    organization, contact, staff, from_status, to_status, message, django_capture_on_commit_callbacks
):
    _set_status(organization, from_status)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError) as raised:
        SERVICES[to_status](organization=organization, actor=staff, reason="Board decision 12.")

    assert raised.value.message == message
    organization.refresh_from_db()
    assert organization.membership_status == from_status
    assert not MembershipStatusChange.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("reason", ["", "    ", "x" * 501])
@pytest.mark.parametrize("to_status", [Status.SUSPENDED, Status.LAPSED])
def test_change_needs_a_reason(
    organization, contact, staff, reason, to_status, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(DomainError) as raised:
        SERVICES[to_status](organization=organization, actor=staff, reason=reason)

    assert raised.value.field == "reason"
    organization.refresh_from_db()
    assert organization.membership_status == Status.ACTIVE
    assert not MembershipStatusChange.objects.exists()
    assert mail.outbox == []


def test_reinstatement_needs_a_reason(suspended_member, staff):
    organization = suspended_member.memberships.get().organization

    with pytest.raises(DomainError):
        organization_reinstate(organization=organization, actor=staff, reason="")

    organization.refresh_from_db()
    assert organization.membership_status == Status.SUSPENDED


def test_suspension_closes_the_portal_to_its_people(organization, member, staff):
    organization_suspend(organization=organization, actor=staff, reason="Fee unpaid.")

    assert not is_portal_member(UserFactory._meta.model.objects.get(pk=member.pk))


def test_every_contact_is_told_in_their_own_message(
    organization, contact, member, staff, django_capture_on_commit_callbacks
):
    second_contact = UserFactory(email="second@northern-cells.ca", full_name="Second Contact")
    MembershipFactory(user=second_contact, organization=organization, role=Membership.Role.CONTACT)
    gone = UserFactory(email="gone@northern-cells.ca", is_active=False)
    MembershipFactory(user=gone, organization=organization, role=Membership.Role.CONTACT)

    with django_capture_on_commit_callbacks(execute=True):
        organization_suspend(organization=organization, actor=staff, reason="Fee unpaid.")

    assert [message.to for message in mail.outbox] == [
        ["carla@northern-cells.ca"],
        ["second@northern-cells.ca"],
    ]
    first = mail.outbox[0]
    assert first.subject == "The membership of Northern Cells Inc. is suspended"
    assert "Hello Carla Contact" in first.body
    assert "To renew, write to the secretariat" in first.body
    assert "/en/organizations/membership-status/" in first.body
    assert first.alternatives[0][1] == "text/html"


def test_reinstatement_email_says_access_is_back(suspended_member, staff, django_capture_on_commit_callbacks):
    organization = suspended_member.memberships.get().organization

    with django_capture_on_commit_callbacks(execute=True):
        organization_reinstate(organization=organization, actor=staff, reason="Fee paid.")

    (message,) = mail.outbox
    assert message.to == ["sam@dormant.ca"]
    assert message.subject == "The membership of Dormant Batteries Co. is active again"
    assert "full access to the portal again" in message.body


def test_reinstatement_moves_a_past_renewal_date_a_year_ahead(staff):
    organization = OrganizationFactory(membership_status=Status.LAPSED, renewal_due_on=date(2020, 3, 1))

    organization_reinstate(organization=organization, actor=staff, reason="Renewed.")

    organization.refresh_from_db()
    assert organization.renewal_due_on == one_year_after(timezone.localdate())


def test_reinstatement_keeps_a_future_renewal_date(staff):
    due = timezone.localdate() + timedelta(days=100)
    organization = OrganizationFactory(membership_status=Status.SUSPENDED, renewal_due_on=due)

    organization_reinstate(organization=organization, actor=staff, reason="Dispute settled.")

    organization.refresh_from_db()
    assert organization.renewal_due_on == due


def test_suspension_keeps_the_renewal_date(organization, staff):
    due = organization.renewal_due_on

    organization_suspend(organization=organization, actor=staff, reason="Fee unpaid.")

    organization.refresh_from_db()
    assert organization.renewal_due_on == due


def test_the_callers_copy_is_brought_up_to_date(organization, staff):
    organization_mark_lapsed(organization=organization, actor=staff, reason="Not renewed.")

    assert organization.membership_status == Status.LAPSED
    assert organization.status_reason == "Not renewed."


def test_stale_copy_cannot_suspend_twice(organization, staff):
    stale_copy = Organization.objects.get(pk=organization.pk)
    organization_suspend(organization=organization, actor=staff, reason="Fee unpaid.")

    with pytest.raises(DomainError, match="already suspended"):
        organization_suspend(organization=stale_copy, actor=staff, reason="Fee unpaid.")

    assert MembershipStatusChange.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "expected"), [(date(2027, 5, 14), date(2028, 5, 14)), (date(2028, 2, 29), date(2029, 2, 28))]
)
def test_one_year_after(day, expected):
    assert one_year_after(day) == expected


def test_renewal_queries(db):
    today = timezone.localdate()
    soon = OrganizationFactory(renewal_due_on=today + timedelta(days=60))
    overdue = OrganizationFactory(renewal_due_on=today - timedelta(days=1))
    OrganizationFactory(renewal_due_on=today + timedelta(days=61))
    OrganizationFactory(renewal_due_on=today + timedelta(days=10), membership_status=Status.LAPSED)

    assert list(Organization.objects.renewal_due_soon()) == [soon]
    assert list(Organization.objects.renewal_overdue()) == [overdue]
    assert set(Organization.objects.due_for_renewal()) == {soon, overdue}
