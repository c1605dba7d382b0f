"""The admin's front page counts the applications to review and the memberships to renew."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.organizations.models import MembershipApplication, Organization
from tests.factories import MembershipApplicationFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_INDEX = reverse("admin:index")


def _waiting(response) -> dict[str, tuple[int, str]]:
    return {item.label: (item.count, item.url) for item in response.context["waiting_items"]}


def test_front_page_counts_what_waits_for_staff(client_for, staff):
    today = timezone.localdate()
    MembershipApplicationFactory.create_batch(3)
    MembershipApplicationFactory(status=MembershipApplication.Status.APPROVED)
    OrganizationFactory(renewal_due_on=today)
    OrganizationFactory(renewal_due_on=today + timedelta(days=60))
    OrganizationFactory(renewal_due_on=today + timedelta(days=61))
    OrganizationFactory(renewal_due_on=today - timedelta(days=1))
    OrganizationFactory(renewal_due_on=today, membership_status=Organization.Status.SUSPENDED)

    response = client_for(staff).get(ADMIN_INDEX)

    assert response.status_code == 200
    waiting = _waiting(response)
    assert waiting["Applications to review"] == (
        3,
        "/en/admin/organizations/membershipapplication/?status__exact=pending",
    )
    assert waiting["Memberships due for renewal in the next 60 days"] == (
        2,
        "/en/admin/organizations/organization/?renewal=soon",
    )
    assert waiting["Memberships overdue for renewal"] == (
        1,
        "/en/admin/organizations/organization/?renewal=overdue",
    )
    page = response.content.decode()
    assert "Applications to review" in page
    assert "?renewal=soon" in page


def test_front_page_leaves_out_what_is_not_waiting(client_for, staff):
    OrganizationFactory(renewal_due_on=timezone.localdate() + timedelta(days=200))

    response = client_for(staff).get(ADMIN_INDEX)

    waiting = _waiting(response)
    assert "Applications to review" not in waiting
    assert "Memberships due for renewal in the next 60 days" not in waiting
    assert "Memberships overdue for renewal" not in waiting


def test_staff_without_the_permissions_see_no_counts(client_for):
    MembershipApplicationFactory()
    OrganizationFactory(renewal_due_on=timezone.localdate())
    intern = UserFactory(is_staff=True)

    response = client_for(intern).get(ADMIN_INDEX)

    assert "Applications to review" not in _waiting(response)
    assert "Memberships due for renewal in the next 60 days" not in _waiting(response)
