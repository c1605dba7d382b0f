"""Helpers for the directory, organization page and people tests (plain functions, not fixtures,
so they cannot clash with fixtures other test folders define)."""

from django.urls import reverse

from apps.organizations.models import Membership
from tests.factories import MembershipFactory, UserFactory

ROLES = ["anonymous", "suspended_member", "member", "contact", "outsider", "lead", "staff"]


def person_for(request, role):
    """The user behind a role fixture's name; None for an anonymous visitor."""
    return None if role == "anonymous" else request.getfixturevalue(role)


def sign_in_url(next_path: str) -> str:
    return f"{reverse('accounts:login')}?next={next_path}"


def membership_status_url() -> str:
    return reverse("organizations:membership_status")


def assert_kept_out(response, role: str, path: str) -> None:
    """Anonymous visitors go to sign-in; people of a suspended organization to their status page."""
    assert response.status_code == 302
    if role == "anonymous":
        assert response["Location"] == sign_in_url(path)
    else:
        assert response["Location"] == membership_status_url()


def add_person(organization, *, role=Membership.Role.MEMBER, **user_fields):
    user = UserFactory(**user_fields)
    membership = MembershipFactory(user=user, organization=organization, role=role)
    return user, membership


def membership_of(user, organization) -> Membership:
    return Membership.objects.get(user=user, organization=organization)
