"""The secretariat's Membership admin keeps the rule the people page keeps: an active
organization always has an active contact."""

import pytest
from django.urls import reverse

from apps.organizations.models import Membership


@pytest.mark.django_db
def test_staff_cannot_delete_the_last_contact_in_the_membership_admin(
    client_for, staff, contact, organization
):
    membership = Membership.objects.get(user=contact, organization=organization)

    response = client_for(staff).post(
        reverse("admin:organizations_membership_delete", args=[membership.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_staff_cannot_demote_the_last_contact_in_the_membership_admin(
    client_for, staff, contact, organization
):
    membership = Membership.objects.get(user=contact, organization=organization)
    url = reverse("admin:organizations_membership_change", args=[membership.pk])

    response = client_for(staff).post(
        url, {"user": contact.pk, "organization": organization.pk, "role": Membership.Role.MEMBER}
    )

    assert response.status_code == 200
    assert "Keep at least one organization contact." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Membership.Role.CONTACT


@pytest.mark.django_db
def test_staff_can_delete_a_member_in_the_membership_admin(client_for, staff, member, organization):
    membership = Membership.objects.get(user=member, organization=organization)

    response = client_for(staff).post(
        reverse("admin:organizations_membership_delete", args=[membership.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
