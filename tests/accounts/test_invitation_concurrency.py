"""Two submissions of the same invitation link at the same moment join once (PostgreSQL only)."""

import threading

import pytest
from django.db import connection

from apps.accounts import services
from apps.accounts.models import User
from apps.core.errors import DomainError
from apps.organizations.models import Membership
from tests.accounts.factories import InvitationFactory
from tests.factories import OrganizationFactory


def run_together(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait(timeout=5)
            call()
            outcomes.append("joined")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return sorted(outcomes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_newcomer_submissions_at_once_create_one_account():
    invitation = InvitationFactory(organization=OrganizationFactory(), email="twin@example.ca")

    def accept(name):
        return lambda: services.invitation_accept(
            token=invitation.token, full_name=name, password="two-tabs-one-account"
        )

    outcomes = run_together(accept("First Tab"), accept("Second Tab"))

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

    outcomes = run_together(accept, accept)

    assert outcomes == ["joined", "refused"]
    assert Membership.objects.filter(user=person).count() == 1
