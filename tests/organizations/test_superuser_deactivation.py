"""The portal's people pages never let anyone but a superuser deactivate a superuser who also
belongs to an organization (the admin's rule, apps/accounts/permissions.py, kept here too)."""

import pytest
from django.urls import reverse

from apps.core.errors import DomainError
from apps.organizations.models import Membership
from apps.organizations.services.people import person_deactivate
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def root(organization, contact):
    """A superuser who is also a member of the contact's organization."""
    person = UserFactory(full_name="Ada Root", email="ada@alliance.ca", is_staff=True, is_superuser=True)
    MembershipFactory(user=person, organization=organization, role=Membership.Role.MEMBER)
    return person


def deactivate_url(organization, person) -> str:
    return reverse("organizations:person_deactivate", args=[organization.slug, person.pk])


def people_url(organization) -> str:
    return reverse("organizations:people", args=[organization.slug])


def handover_url(organization, person) -> str:
    return reverse("organizations:person_handover", args=[organization.slug, person.pk])


@pytest.mark.parametrize(("actor", "expected"), [("contact", 403), ("staff", 403), ("superuser", 200)])
def test_only_a_superuser_opens_a_superusers_deactivation_page(
    request, client_for, organization, root, actor, expected
):
    response = client_for(request.getfixturevalue(actor)).get(deactivate_url(organization, root))

    assert response.status_code == expected
    if expected == 403:
        assert "Ada Root is a superuser; only a superuser can deactivate them." in response.content.decode()


@pytest.mark.parametrize(("actor", "expected"), [("contact", 403), ("staff", 403), ("superuser", 302)])
def test_only_a_superuser_deactivates_a_superuser_on_the_people_pages(
    request, client_for, organization, root, actor, expected
):
    response = client_for(request.getfixturevalue(actor)).post(deactivate_url(organization, root))

    assert response.status_code == expected
    root.refresh_from_db()
    assert root.is_active is (expected != 302)
    assert (root.deactivated_at is None) is (expected != 302)


@pytest.mark.parametrize(("actor", "offered"), [("contact", False), ("staff", False), ("superuser", True)])
def test_people_page_offers_to_deactivate_a_superuser_only_to_a_superuser(
    request, client_for, organization, root, actor, offered
):
    response = client_for(request.getfixturevalue(actor)).get(people_url(organization))

    assert response.status_code == 200
    rows = {row.person: row for row in response.context["rows"]}
    assert rows[root].can_deactivate is offered
    assert (deactivate_url(organization, root) in response.content.decode()) is offered


@pytest.mark.parametrize(("actor", "offered"), [("contact", False), ("staff", False), ("superuser", True)])
def test_handover_page_offers_to_deactivate_a_superuser_only_to_a_superuser(
    request, client_for, organization, root, actor, offered
):
    response = client_for(request.getfixturevalue(actor)).get(handover_url(organization, root))

    assert response.status_code == 200
    assert response.context["can_deactivate"] is offered


def test_the_deactivate_service_refuses_staff_on_a_superuser(staff, root):
    with pytest.raises(DomainError, match="Only a superuser can deactivate Ada Root."):
        person_deactivate(person=root, actor=staff)

    root.refresh_from_db()
    assert root.is_active is True
