"""Two contacts stepping each other down at the same moment leave one contact, not none."""

import threading

import pytest
from django.db import connection

from apps.core.errors import DomainError
from apps.organizations.models import Membership
from apps.organizations.services.people import membership_set_role
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_demotions_keep_one_active_contact():
    organization = OrganizationFactory(name="Twin Contacts Ltd.")
    first = MembershipFactory(organization=organization, user=UserFactory(), role=Membership.Role.CONTACT)
    second = MembershipFactory(organization=organization, user=UserFactory(), role=Membership.Role.CONTACT)
    barrier = threading.Barrier(2)
    outcomes = []

    def demote(membership, actor):
        try:
            barrier.wait(timeout=5)
            membership_set_role(membership=membership, actor=actor, role=Membership.Role.MEMBER)
            outcomes.append("done")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=demote, args=(first, second.user)),
        threading.Thread(target=demote, args=(second, first.user)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert sorted(outcomes) == ["done", "refused"]
    assert Membership.objects.filter(organization=organization, role=Membership.Role.CONTACT).count() == 1
