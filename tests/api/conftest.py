"""Fixtures for the API tests: an action of `group` with its area, its owner person, and clients
signed in by session or by token. Addresses and payloads are in helpers.py."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.services_tokens import api_token_create
from apps.organizations.models import Membership
from apps.roadmap.models import Status
from tests.factories import MembershipFactory, UserFactory
from tests.roadmap.factories import ActionFactory, AreaFactory, PillarFactory


@pytest.fixture
def area(db):
    pillar = PillarFactory(name="Ecosystem")
    return AreaFactory(pillar=pillar, code="FIN", name="Financial Ecosystem", goal="Capital for scale-up.")


@pytest.fixture
def owner(organization, contact):
    """Otto, a member of Northern Cells who owns `action` but leads no group."""
    user = UserFactory(full_name="Otto Owner", email="otto@northern-cells.ca")
    MembershipFactory(user=user, organization=organization, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def action(area, group, owner):
    """FIN-2, owned by `group` (led by `lead`) and by Otto, not started, version 1."""
    return ActionFactory(
        code="FIN-2",
        area=area,
        working_group=group,
        owner=owner,
        title="Create a battery scale-up fund",
        status=Status.NOT_STARTED,
        percent_done=0,
    )


@pytest.fixture
def api_client_for(db):
    """`api_client_for(user)`: an API client signed in by session as `user` (None: anonymous).

    Like a browser's, CSRF is checked on unsafe requests unless `csrf_checks=False`."""

    def make(user, *, csrf_checks: bool = False):
        client = APIClient(enforce_csrf_checks=csrf_checks)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def confirmed_client_for(client_for, password):
    """`confirmed_client_for(user)`: a page client signed in as `user` that has just typed the
    password again on the "confirm it's you" page, as creating a token requires."""

    def make(user):
        client = client_for(user)
        response = client.post(reverse("accounts:confirm_identity"), {"password": password})
        assert response.status_code == 302
        return client

    return make


@pytest.fixture
def token_client_for(db):
    """`token_client_for(user)`: an API client that sends a fresh Bearer token of `user`, and
    the token row as `client.api_token`."""

    def make(user, name="script"):
        token, raw_token = api_token_create(user=user, name=name)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_token}")
        client.api_token = token
        client.raw_token = raw_token
        return client

    return make


# The patent pool's cast and listings (tests/api/test_patents_*.py).
from tests.api.patents_fixtures import (  # noqa: E402, F401
    accepted_request,
    bystander,
    listing,
    owner_member,
    pending_request,
)
