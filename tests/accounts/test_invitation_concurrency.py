"""Two submissions of the same invitation link at the same moment join once (PostgreSQL only)."""

import pytest

from apps.accounts import services
from apps.accounts.models import User
from apps.organizations.models import Membership
from tests.accounts.factories import InvitationFactory
from tests.concurrency import run_together
from tests.factories import OrganizationFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_newcomer_submissions_at_once_create_one_account():
    invitation = InvitationFactory(organization=OrganizationFactory(), email="twin@example.ca")

    def accept(name):
        return lambda: services.invitation_accept(
            token=invitation.token, full_name=name, password="two-tabs-one-account"
        )

    outcomes = run_together_joins(accept("First Tab"), accept("Second Tab"))

    assert outcomes == ["joined", "refused"]
    assert User.objects.filter(email="twin@example.ca").count() == 1
    assert Membership.objects.filter(user__email="twin@example.ca").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_acceptances_by_an_existing_person_at_once_join_once():
    person = User.objects.create_user("existing@example.ca", "an-existing-password", full_name="Existing")
    invitation = InvitationFactory(organization=OrganizationFactory(), email=person.email)

    def accept():
        services.invitation_accept(token=invitation.token, user=person)

    outcomes = run_together_joins(accept, accept)

    assert outcomes == ["joined", "refused"]
    assert Membership.objects.filter(user=person).count() == 1


def run_together_joins(*calls):
    return run_together(*calls, done="joined")
