"""Every write about roadmap actions. Status and percent change only here, through updates."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.data_versions import data_changed
from apps.core.errors import Conflict, DomainError
from apps.core.events import event_record
from apps.core.models import Event
from apps.working_groups.models import GroupMembership
from apps.working_groups.selectors import visible_group_memberships

from .models import Action, Status, StatusUpdate
from .permissions import can_name_owner, can_post_update

# Written only by the status-update services (and load_roadmap's record): staff edits in the admin
# or an import never change them, whatever the form or the spreadsheet holds.
SERVICE_OWNED_FIELDS = (
    "status",
    "percent_done",
    "version",
    "last_update_at",
    "next_update_due_on",
    "loaded_values",
)
# The data-version topic (apps.core.data_versions) of everything computed from roadmap data.
ROADMAP_DATA = "roadmap"
MAX_EVIDENCE_LINKS = 10
MAX_EVIDENCE_LINK_LENGTH = 500
UPDATE_TEXT_FIELDS = ("summary", "blockers", "asks", "next_steps")


def validate_status_and_percent(*, status: str, percent_done: int) -> None:
    """Raise DomainError unless status and percent agree (done at 100%, not started at 0%)."""
    if status not in Status.values:
        raise DomainError(_("Choose a status from the list."), field="status")
    if isinstance(percent_done, bool) or not isinstance(percent_done, int) or not 0 <= percent_done <= 100:
        raise DomainError(_("Percent done is a whole number between 0 and 100."), field="percent_done")
    if status == Status.DONE and percent_done != 100:
        raise DomainError(_("An action is done only at 100%."), field="percent_done")
    if percent_done == 100 and status != Status.DONE:
        raise DomainError(_("At 100% the action is done: choose “Done”."), field="status")
    if status == Status.NOT_STARTED and percent_done != 0:
        raise DomainError(_("An action that has not started is at 0%."), field="percent_done")
    if percent_done == 0 and status != Status.NOT_STARTED:
        raise DomainError(_("At 0% the action has not started: choose “Not started”."), field="status")


def validate_update_texts(*, summary: str, blockers: str, asks: str, next_steps: str) -> None:
    """A summary is required; no text is longer than the column holds (the API has no form)."""
    if not summary.strip():
        raise DomainError(_("Write a short summary of what changed."), field="summary")
    texts = {"summary": summary, "blockers": blockers, "asks": asks, "next_steps": next_steps}
    for name, text in texts.items():
        limit = StatusUpdate._meta.get_field(name).max_length
        if len(text.strip()) > limit:
            raise DomainError(
                _("Keep this to %(limit)d characters (it has %(length)d).")
                % {"limit": limit, "length": len(text.strip())},
                field=name,
            )


def validate_evidence_links(links: list[str]) -> list[str]:
    """The links, stripped and without blanks; each an http(s) address of reasonable length."""
    cleaned = []
    for link in links:
        if not isinstance(link, str):
            raise DomainError(_("Each link to evidence is a web address."), field="evidence_links")
        if link.strip():
            cleaned.append(link.strip())
    if len(cleaned) > MAX_EVIDENCE_LINKS:
        raise DomainError(
            _("Give at most %(count)d links to evidence.") % {"count": MAX_EVIDENCE_LINKS},
            field="evidence_links",
        )
    validate_url = URLValidator(schemes=["http", "https"])
    for link in cleaned:
        try:
            validate_url(link)
        except ValidationError:
            is_web_address = False
        else:
            is_web_address = len(link) <= MAX_EVIDENCE_LINK_LENGTH
        if not is_web_address:
            raise DomainError(
                _("“%(link)s” is not a web address (https://…) of at most %(limit)d characters.")
                % {"link": link[:80], "limit": MAX_EVIDENCE_LINK_LENGTH},
                field="evidence_links",
            )
    return cleaned


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
    written and Conflict is raised (409 in the API): the claim is one conditional UPDATE, so of
    two concurrent posts on the same version exactly one wins.
    """
    if not can_post_update(author, action):
        raise PermissionDenied(
            _("Only the owning group's leads, the action's owner and the secretariat post updates.")
        )
    validate_status_and_percent(status=status, percent_done=percent_done)
    validate_update_texts(summary=summary, blockers=blockers, asks=asks, next_steps=next_steps)
    links = validate_evidence_links(evidence_links or [])
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
        evidence_links=links,
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
    data_changed(topic=ROADMAP_DATA)
    return update


@transaction.atomic
def status_update_hide(*, update: StatusUpdate, actor: User, reason: str) -> StatusUpdate:
    """Hide an update (staff only, with a reason). The action falls back to its latest visible
    update, or to not started at 0% when none is left; its version moves on, so a form opened
    before the hiding gets a conflict instead of overwriting the restored status."""
    if not actor.is_staff:
        raise PermissionDenied(_("Only the secretariat may hide a status update."))
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for hiding this update."), field="reason")
    limit = StatusUpdate._meta.get_field("hidden_reason").max_length
    if len(reason) > limit:
        raise DomainError(_("Keep the reason to %(limit)d characters.") % {"limit": limit}, field="reason")
    hidden = StatusUpdate.objects.filter(pk=update.pk, is_hidden=False).update(
        is_hidden=True, hidden_reason=reason, hidden_by=actor, hidden_at=timezone.now()
    )
    if not hidden:
        raise DomainError(_("This update is already hidden."))
    action = Action.objects.select_for_update().get(pk=update.action_id)
    latest = action.updates.filter(is_hidden=False).order_by("-created_at", "-pk").first()
    action.status = latest.status if latest else Status.NOT_STARTED
    action.percent_done = latest.percent_done if latest else 0
    action.last_update_at = latest.created_at if latest else None
    Action.objects.filter(pk=action.pk).update(
        status=action.status,
        percent_done=action.percent_done,
        last_update_at=action.last_update_at,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    action.refresh_from_db()
    _refresh_next_update_due(action)
    update.refresh_from_db()
    event_record(
        kind=Event.Kind.STATUS_UPDATE_HIDDEN,
        subject=update,
        actor=actor,
        data={"action_id": action.pk, "action_code": action.code, "reason": reason},
    )
    data_changed(topic=ROADMAP_DATA)
    return update


@transaction.atomic
def action_set_owner(*, action: Action, actor: User, owner: User | None) -> Action:
    """Name the action's owner person (or none).

    Leads of the owning group pick from the group's members; staff pick any active person. The
    change is kept in the action's history, and naming someone records an event.
    """
    if not can_name_owner(actor, action):
        raise PermissionDenied(_("Only the secretariat and the owning group's leads name the owner."))
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if owner is not None:
        _check_owner(actor=actor, action=locked, owner=owner)
    if locked.owner_id != (owner.pk if owner else None):
        locked.owner = owner
        locked._history_user = actor
        locked.save(update_fields=["owner", "updated_at"])
        if owner is not None:
            _record_owner_named(action=locked, actor=actor)
        data_changed(topic=ROADMAP_DATA)
    action.refresh_from_db()
    return action


@transaction.atomic
def action_save(*, action: Action, actor: User) -> Action:
    """Save the secretariat's edit of an action (the admin form, a row of an import).

    Status, percent and version belong to status updates: whatever the instance holds for them is
    replaced by the stored values (read under a row lock) before saving, so a stale form or a
    spreadsheet column can never change them. A new owner is checked and recorded as with
    action_set_owner; the next due date follows the start date and cadence.
    """
    if not actor.is_staff:
        raise PermissionDenied(_("Only the secretariat edits actions."))
    if action._state.adding:
        previous_owner_id = None
        action.status, action.percent_done, action.version = Status.NOT_STARTED, 0, 1
        action.last_update_at = None
        action.next_update_due_on = None
    else:
        stored = (
            Action.objects.select_for_update()
            .filter(pk=action.pk)
            .values("owner_id", *SERVICE_OWNED_FIELDS)
            .get()
        )
        previous_owner_id = stored.pop("owner_id")
        for name, value in stored.items():
            setattr(action, name, value)
    owner_named = action.owner_id is not None and action.owner_id != previous_owner_id
    if owner_named:
        _check_owner(actor=actor, action=action, owner=action.owner)
    action._history_user = actor
    action.save()
    if owner_named:
        _record_owner_named(action=action, actor=actor)
    _refresh_next_update_due(action)
    data_changed(topic=ROADMAP_DATA)
    return action


def departure_successor_ids(actions: list[Action], *, leaver: User) -> dict[int, set[int]]:
    """Who may take over each working group's actions from `leaver`: the group's members who are
    portal members now (one query for all the groups)."""
    group_ids = {action.working_group_id for action in actions if action.working_group_id}
    successors: dict[int, set[int]] = {group_id: set() for group_id in group_ids}
    memberships = (
        visible_group_memberships().filter(group_id__in=group_ids).exclude(user=leaver).values_list(
            "group_id", "user_id"
        )
    )
    for group_id, user_id in memberships:
        successors[group_id].add(user_id)
    return successors


@transaction.atomic
def actions_reassign_for_departure(
    *, person: User, actor: User, new_owner_ids: Mapping[int, int | None]
) -> list[Action]:
    """Hand over every action `person` owns as they leave: each goes to the person chosen for it
    (`new_owner_ids`, by action id; an active member of its working group, who is told) or, when
    none is chosen, to nobody, and the group's leads are told to name someone. An inactive person
    never owns an action, so this runs in every deactivation, within its transaction."""
    if person.is_active:
        raise DomainError(_("Actions are handed over this way only when their owner has left."))
    actions = list(
        Action.objects.select_for_update(of=("self",))
        .filter(owner=person)
        .select_related("working_group")
        .order_by("code")
    )
    successors = departure_successor_ids(actions, leaver=person)
    for action in actions:
        new_owner_id = new_owner_ids.get(action.pk)
        if new_owner_id is not None and new_owner_id not in successors.get(action.working_group_id, ()):
            raise DomainError(
                _("Choose who takes over %(code)s among the members of its working group.")
                % {"code": action.code}
            )
        action.owner_id = new_owner_id
        action._history_user = actor
        action.save(update_fields=["owner", "updated_at"])
        if new_owner_id is not None:
            _record_owner_named(action=action, actor=actor)
        else:
            event_record(
                kind=Event.Kind.ACTION_OWNER_LEFT,
                subject=action,
                actor=actor,
                data={"former_owner_id": person.pk, "action_code": action.code},
            )
    if actions:
        data_changed(topic=ROADMAP_DATA)
    return actions


def action_schedule_changed(*, action: Action) -> None:
    """Call after the start date or cadence changes (admin, import) to keep "due" right."""
    _refresh_next_update_due(action)


def _check_owner(*, actor: User, action: Action, owner: User) -> None:
    if not owner.is_active:
        raise DomainError(_("This person is deactivated."), field="owner")
    if actor.is_staff:
        return
    in_group = GroupMembership.objects.filter(group_id=action.working_group_id, user=owner).exists()
    if not in_group:
        raise DomainError(_("Choose the owner from the working group's members."), field="owner")


def _record_owner_named(*, action: Action, actor: User) -> None:
    event_record(
        kind=Event.Kind.ACTION_OWNER_NAMED,
        subject=action,
        actor=actor,
        data={"owner_id": action.owner_id, "action_code": action.code},
    )


def _refresh_next_update_due(action: Action) -> None:
    due = action.compute_next_update_due()
    if due != action.next_update_due_on:
        Action.objects.filter(pk=action.pk).update(next_update_due_on=due)
        action.next_update_due_on = due
