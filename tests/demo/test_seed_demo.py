"""`seed_demo` gives a newcomer a populated portal with one sign-in per role, and can run twice."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.accounts.models import User
from apps.core.models import Event
from apps.organizations.models import Kind, Membership, MembershipApplication, Organization
from apps.patents.models import LicenceRequest, PatentListing
from apps.roadmap.loading import load_roadmap
from apps.roadmap.models import Action, StatusUpdate
from apps.working_groups.models import GroupMembership, JoinRequest, WorkingGroup

DEMO_SIGN_INS = {
    "staff@demo.alliance.ca": "demo-staff-password",
    "lead@demo.alliance.ca": "demo-lead-password",
    "contact@demo.alliance.ca": "demo-contact-password",
    "member@demo.alliance.ca": "demo-member-password",
}


def seed():
    output = StringIO()
    call_command("seed_demo", "--allow-production", stdout=output)
    return output.getvalue()


def row_counts():
    models = [
        User,
        Organization,
        Membership,
        WorkingGroup,
        GroupMembership,
        JoinRequest,
        MembershipApplication,
        StatusUpdate,
        Event,
        PatentListing,
        LicenceRequest,
    ]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_seed_demo_prints_a_working_sign_in_for_each_role():
    output = seed()

    for email, password in DEMO_SIGN_INS.items():
        assert email in output and password in output
        assert User.objects.get(email=email).check_password(password)
    assert User.objects.get(email="staff@demo.alliance.ca").groups.filter(name="Secretariat").exists()
    assert GroupMembership.objects.filter(
        user__email="lead@demo.alliance.ca", role=GroupMembership.Role.LEAD
    ).exists()
    assert Membership.objects.filter(
        user__email="contact@demo.alliance.ca", role=Membership.Role.CONTACT
    ).exists()


@pytest.mark.django_db
def test_seed_demo_fills_the_directory_and_the_roadmap_groups():
    seed()

    assert Organization.objects.active().count() >= 25
    assert set(Organization.objects.values_list("kind", flat=True)) == set(Kind.values)
    assert Organization.objects.values("province").distinct().count() == 13
    assert set(WorkingGroup.objects.values_list("slug", flat=True)) == {
        "financing",
        "skills",
        "research-and-development",
    }
    for group in WorkingGroup.objects.all():
        assert group.group_memberships.filter(role=GroupMembership.Role.LEAD).exists(), group.name


@pytest.mark.django_db
def test_seed_demo_twice_leaves_the_same_rows():
    load_roadmap()
    seed()
    first = row_counts()

    seed()

    assert row_counts() == first


@pytest.mark.django_db
def test_seed_demo_shows_roadmap_progress_once_the_roadmap_is_loaded():
    load_roadmap()

    seed()

    assert StatusUpdate.objects.filter(action__code="FIN-1").count() == 2
    assert Action.objects.get(code="FIN-1").percent_done == 40
    assert Action.objects.get(code="FIN-1").owner.email == "contact@demo.alliance.ca"
    assert list(Action.objects.overdue().values_list("code", flat=True)) == ["FIN-2"]
    assert "FIN-2" in Action.objects.update_due().values_list("code", flat=True)


@pytest.mark.django_db
def test_seed_demo_fills_the_patent_pool_with_a_request_each_way():
    seed()

    assert PatentListing.objects.in_pool().count() == 5
    assert PatentListing.objects.filter(status=PatentListing.Status.DRAFT).count() == 1
    northern = Organization.objects.get(name="Northern Cells Inc.")
    assert LicenceRequest.objects.filter(requesting_organization=northern).count() == 1
    assert LicenceRequest.objects.filter(listing__organization=northern).count() == 1


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_outside_debug_mode(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=true"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.exists()
