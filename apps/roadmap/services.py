"""Every write about roadmap actions. Status and percent change only here, through updates."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.errors import Conflict, DomainError
from apps.notifications.models import Event
from apps.notifications.services import event_record
from apps.working_groups.models import GroupMembership

from .models import Action, Status, StatusUpdate
from .permissions import can_name_owner


def validate_status_and_percent(*, status: str, percent_done: int) -> None:
    """Raise DomainError unless status and percent agree (done at 100%, not started at 0%)."""
    if status not in Status.values:
        raise DomainError(_("Choose a status from the list."), field="status")
    if not 0 <= percent_done <= 100:
        raise DomainError(_("Percent done is between 0 and 100."), field="percent_done")
    if status == Status.DONE and percent_done != 100:
        raise DomainError(_("An action is done only at 100%."), field="percent_done")
    if percent_done == 100 and status != Status.DONE:
        raise DomainError(_("At 100% the action is done: choose “Done”."), field="status")
    if status == Status.NOT_STARTED and percent_done != 0:
        raise DomainError(_("An action that has not started is at 0%."), field="percent_done")
    if percent_done == 0 and status != Status.NOT_STARTED:
        raise DomainError(_("At 0% the action has not started: choose “Not started”."), field="status")


@transaction.atomic
def status_update_post(
    *,
    action: Action,
    author: User,
    version: int,
    status: str,
    percent_done: int,
    summary: str,
    blockers: str = "",
    asks: str = "",
    next_steps: str = "",
    evidence_links: list[str] | None = None,
) -> StatusUpdate:
    """Post a status update; it becomes the action's current status and percent.

    `version` is the action's version the author saw. If someone posted since, nothing is
    written and Conflict is raised (409 in the API): the claim is one conditional UPDATE.
    """
    validate_status_and_percent(status=status, percent_done=percent_done)
    if not summary.strip():
        raise DomainError(_("Write a short summary of what changed."), field="summary")
    now = timezone.now()
    previous = Action.objects.filter(pk=action.pk).values("status", "percent_done").first()
    if previous is None:
        raise DomainError(_("This action no longer exists."))
    claimed = Action.objects.filter(pk=action.pk, version=version).update(
        version=F("version") + 1, status=status, percent_done=percent_done, last_update_at=now, updated_at=now
    )
    if not claimed:
        raise Conflict(
            _("Someone updated this action first. Their update is shown above; yours is still in the form.")
        )
    update = StatusUpdate.objects.create(
        action=action,
        author=author,
        status=status,
        percent_done=percent_done,
        previous_status=previous["status"],
        previous_percent_done=previous["percent_done"],
        summary=summary.strip(),
        blockers=blockers.strip(),
        asks=asks.strip(),
        next_steps=next_steps.strip(),
        evidence_links=evidence_links or [],
        created_at=now,
    )
    action.refresh_from_db()
    _refresh_next_update_due(action)
    event_record(
        kind=Event.Kind.STATUS_UPDATED,
        subject=update,
        actor=author,
        data={
            "action_id": action.pk,
            "action_code": action.code,
            "working_group_id": action.working_group_id,
            "previous_status": previous["status"],
            "status": status,
            "previous_percent_done": previous["percent_done"],
            "percent_done": percent_done,
        },
    )
    return update


@transaction.atomic
def status_update_hide(*, update: StatusUpdate, actor: User, reason: str) -> StatusUpdate:
    """Hide an update (staff only, with a reason). The action falls back to its latest visible
    update, or to not started at 0% when none is left."""
    if not actor.is_staff:
        raise DomainError(_("Only the secretariat may hide a status update."))
    if not reason.strip():
        raise DomainError(_("Give the reason for hiding this update."), field="reason")
    hidden = StatusUpdate.objects.filter(pk=update.pk, is_hidden=False).update(
        is_hidden=True, hidden_reason=reason.strip(), hidden_by=actor, hidden_at=timezone.now()
    )
    if not hidden:
        raise DomainError(_("This update is already hidden."))
    action = Action.objects.select_for_update().get(pk=update.action_id)
    latest = action.updates.filter(is_hidden=False).order_by("-created_at", "-pk").first()
    action.status = latest.status if latest else Status.NOT_STARTED
    action.percent_done = latest.percent_done if latest else 0
    action.last_update_at = latest.created_at if latest else None
    action.version = F("version") + 1
    action.save(update_fields=["status", "percent_done", "last_update_at", "version", "updated_at"])
    action.refresh_from_db()
    _refresh_next_update_due(action)
    update.refresh_from_db()
    event_record(
        kind=Event.Kind.STATUS_UPDATE_HIDDEN, subject=update, actor=actor, data={"action_id": action.pk}
    )
    return update


@transaction.atomic
def action_set_owner(*, action: Action, actor: User, owner: User | None) -> Action:
    """Name the action's owner person.

    Leads of the owning group pick from the group's members; staff pick any active person.
    """
    if not can_name_owner(actor, action):
        raise DomainError(_("Only the secretariat and the owning group's leads name the owner."))
    if owner is not None:
        if not owner.is_active:
            raise DomainError(_("This person is deactivated."), field="owner")
        in_group = GroupMembership.objects.filter(group_id=action.working_group_id, user=owner).exists()
        if not actor.is_staff and not in_group:
            raise DomainError(_("Choose the owner from the working group's members."), field="owner")
    Action.objects.filter(pk=action.pk).update(owner=owner, updated_at=timezone.now())
    action.refresh_from_db()
    if owner is not None:
        event_record(
            kind=Event.Kind.ACTION_OWNER_NAMED, subject=action, actor=actor, data={"owner_id": owner.pk}
        )
    return action


def _refresh_next_update_due(action: Action) -> None:
    due = action.compute_next_update_due()
    if due != action.next_update_due_on:
        Action.objects.filter(pk=action.pk).update(next_update_due_on=due)
        action.next_update_due_on = due


def action_schedule_changed(*, action: Action) -> None:
    """Call after the start date or cadence changes (admin, import) to keep "due" right."""
    _refresh_next_update_due(action)
