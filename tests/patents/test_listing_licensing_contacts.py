"""Contacts choose which of them handle licence requests."""

import pytest
from django.urls import reverse

from apps.organizations.models import Membership
from tests.factories import MembershipFactory, UserFactory


def url(organization):
    return reverse("patents:licensing_contacts", kwargs={"slug": organization.slug})


@pytest.mark.parametrize(
    ("role", "status"), [("member", 403), ("outsider", 403), ("contact", 200), ("staff", 200)]
)
def test_who_opens_licensing_contacts(request, client_for, organization, role, status):
    assert client_for(request.getfixturevalue(role)).get(url(organization)).status_code == status


def test_anonymous_and_suspended_are_sent_away(client_for, organization, suspended_member):
    assert client_for(None).get(url(organization)).status_code == 302
    assert client_for(suspended_member).get(url(organization)).url == reverse(
        "organizations:membership_status"
    )


def test_contact_chooses_who_handles_requests(client_for, organization, contact):
    second = UserFactory()
    MembershipFactory(user=second, organization=organization, role=Membership.Role.CONTACT)

    response = client_for(contact).post(url(organization), {"contacts": [second.pk]})

    assert response.status_code == 302
    assert dict(
        Membership.objects.filter(organization=organization).values_list("user_id", "handles_licensing")
    ) == {
        contact.pk: False,
        second.pk: True,
    }


def test_a_member_who_is_not_a_contact_cannot_be_chosen(client_for, organization, contact, member):
    response = client_for(contact).post(url(organization), {"contacts": [member.pk]})

    assert response.status_code == 400
    assert not Membership.objects.filter(handles_licensing=True).exists()


def test_outsider_cannot_change_them(client_for, organization, contact, outsider):
    response = client_for(outsider).post(url(organization), {"contacts": [contact.pk]})

    assert response.status_code == 403
    assert not Membership.objects.filter(handles_licensing=True).exists()


@pytest.mark.django_db
def test_handling_licences_for_one_organization_does_not_change_another(
    contact, organization, other_organization
):
    from apps.organizations.models import Membership
    from apps.patents.permissions import licensing_contacts_of
    from tests.factories import MembershipFactory, UserFactory

    colleague = UserFactory()
    MembershipFactory(user=colleague, organization=organization, role=Membership.Role.CONTACT)
    MembershipFactory(
        user=contact, organization=other_organization, role=Membership.Role.CONTACT, handles_licensing=True
    )

    assert set(licensing_contacts_of(organization)) == {contact, colleague}
    assert set(licensing_contacts_of(other_organization)) == {contact}
