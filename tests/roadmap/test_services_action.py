"""action_set_owner (leads and staff name the owner) and action_save (the secretariat's edits in
the admin and imports): status and percent never change there, owners are checked, and every
change is kept in the action's history."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from apps.core.errors import DomainError
from apps.core.models import Event
from apps.roadmap.models import Action, Cadence, Status
from apps.roadmap.services import action_save, action_set_owner
from tests.factories import GroupMembershipFactory, UserFactory
from tests.roadmap.factories import ActionFactory, AreaFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(group):
    return ActionFactory(code="FIN-1", working_group=group)


@pytest.fixture
def group_member(group, member):
    GroupMembershipFactory(group=group, user=member)
    return member


def test_a_lead_names_a_member_of_the_group_as_owner(action, lead, group_member):
    action_set_owner(action=action, actor=lead, owner=group_member)

    assert Action.objects.get(pk=action.pk).owner == group_member
    assert action.owner == group_member
    latest = action.history.first()
    assert (latest.owner_id, latest.history_user) == (group_member.pk, lead)
    event = Event.objects.get()
    assert (event.kind, event.subject, event.actor) == (Event.Kind.ACTION_OWNER_NAMED, action, lead)
    assert event.data == {"owner_id": group_member.pk, "action_code": "FIN-1"}


def test_a_lead_cannot_name_someone_outside_the_group(action, lead, outsider):
    with pytest.raises(DomainError) as refused:
        action_set_owner(action=action, actor=lead, owner=outsider)

    assert (refused.value.field, refused.value.message) == (
        "owner",
        "Choose the owner from the working group's members.",
    )
    assert Action.objects.get(pk=action.pk).owner is None
    assert not Event.objects.exists()


def test_staff_name_any_active_person(action, staff, outsider):
    action_set_owner(action=action, actor=staff, owner=outsider)

    assert Action.objects.get(pk=action.pk).owner == outsider


def test_a_deactivated_person_cannot_be_named(action, staff):
    gone = UserFactory(is_active=False)

    with pytest.raises(DomainError, match="This person is deactivated."):
        action_set_owner(action=action, actor=staff, owner=gone)

    assert Action.objects.get(pk=action.pk).owner is None


@pytest.mark.parametrize("role", ["member", "other_lead", "outsider"])
def test_others_cannot_name_the_owner(request, action, group_member, role):
    with pytest.raises(PermissionDenied):
        action_set_owner(action=action, actor=request.getfixturevalue(role), owner=group_member)

    assert Action.objects.get(pk=action.pk).owner is None
    assert not Event.objects.exists()


def test_clearing_the_owner_records_no_event(action, lead, group_member):
    action_set_owner(action=action, actor=lead, owner=group_member)

    action_set_owner(action=action, actor=lead, owner=None)

    assert Action.objects.get(pk=action.pk).owner is None
    assert Event.objects.count() == 1


def test_staff_create_an_action_that_starts_not_started(staff):
    action = Action(
        code="SCL-6",
        area=AreaFactory(code="SCL"),
        title="Open a one-stop permitting desk",
        status=Status.ON_TRACK,
        percent_done=50,
        start_date=timezone.localdate(),
        update_cadence_days=Cadence.FORTNIGHTLY,
    )

    action_save(action=action, actor=staff)

    stored = Action.objects.get(code="SCL-6")
    assert (stored.status, stored.percent_done, stored.version) == (Status.NOT_STARTED, 0, 1)
    assert stored.next_update_due_on == timezone.localdate() + timedelta(days=14)
    assert stored.history.get().history_user == staff


def test_staff_edits_never_change_status_percent_or_version(action, staff, lead):
    stale = Action.objects.get(pk=action.pk)
    StatusUpdateFactory(action=action, author=lead, status=Status.BLOCKED)
    stale.title = "A clearer title"
    stale.status, stale.percent_done, stale.version = Status.DONE, 100, 99

    action_save(action=stale, actor=staff)

    stored = Action.objects.get(pk=action.pk)
    assert (stored.title, stored.status, stored.percent_done, stored.version) == (
        "A clearer title",
        Status.BLOCKED,
        20,
        2,
    )
    latest = stored.history.first()
    assert (latest.title, latest.status, latest.history_user) == ("A clearer title", Status.BLOCKED, staff)


def test_a_new_cadence_or_start_date_moves_the_next_due_date(action, staff):
    action.start_date = timezone.localdate() - timedelta(days=5)
    action.update_cadence_days = Cadence.WEEKLY

    action_save(action=action, actor=staff)

    assert Action.objects.get(pk=action.pk).next_update_due_on == timezone.localdate() + timedelta(days=2)


def test_naming_an_owner_in_an_edit_records_the_event(action, staff, outsider):
    action.owner = outsider

    action_save(action=action, actor=staff)

    assert Action.objects.get(pk=action.pk).owner == outsider
    assert Event.objects.get().kind == Event.Kind.ACTION_OWNER_NAMED


def test_an_edit_cannot_name_a_deactivated_owner(action, staff):
    action.owner = UserFactory(is_active=False)

    with pytest.raises(DomainError):
        action_save(action=action, actor=staff)

    assert Action.objects.get(pk=action.pk).owner is None


def test_only_staff_edit_actions(action, lead):
    action.title = "Renamed by a lead"

    with pytest.raises(PermissionDenied):
        action_save(action=action, actor=lead)

    assert Action.objects.get(pk=action.pk).title != "Renamed by a lead"
