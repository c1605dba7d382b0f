"""Writes about working groups: join requests and their decisions, members, charters.

Every function runs in a transaction, checks who is acting (a refused actor gets PermissionDenied,
a broken rule a DomainError), and schedules its e-mail once the transaction commits.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.membership import is_portal_member
from apps.accounts.models import User
from apps.core.edit_conflicts import claim_version
from apps.core.errors import DomainError
from apps.core.events import event_record
from apps.core.models import Event

from .models import GroupMembership, JoinRequest, WorkingGroup
from .permissions import can_manage_group
from .selectors import visible_group_memberships

MESSAGE_MAX_LENGTH = JoinRequest._meta.get_field("message").max_length
NOTE_MAX_LENGTH = JoinRequest._meta.get_field("decision_note").max_length
SUMMARY_MAX_LENGTH = WorkingGroup._meta.get_field("summary").max_length
CHARTER_MAX_LENGTH = WorkingGroup._meta.get_field("charter").max_length


def _require_manager(user: User, group: WorkingGroup) -> None:
    if not can_manage_group(user, group):
        raise PermissionDenied(_("Only a lead of this group or the secretariat can do this."))


def _check_length(value: str, limit: int, field: str) -> None:
    if len(value) > limit:
        raise DomainError(
            _("Keep this under %(limit)s characters (it has %(length)s).")
            % {"limit": limit, "length": len(value)},
            field=field,
        )


@transaction.atomic
def join_request_create(*, group: WorkingGroup, user: User, message: str = "") -> JoinRequest:
    """Ask to join `group`; its leads are e-mailed. One request waits at a time per person."""
    message = message.strip()
    _check_length(message, MESSAGE_MAX_LENGTH, "message")
    if not is_portal_member(user):
        raise DomainError(_("Only people of an active member organization can join a working group."))
    if not group.is_active:
        raise DomainError(_("This group is closed and does not take new members."))
    if GroupMembership.objects.filter(group=group, user=user).exists():
        raise DomainError(_("You are already in this group."))
    already_waiting = _("You already asked to join this group; a lead will answer your request.")
    if JoinRequest.objects.filter(group=group, user=user, status=JoinRequest.Status.PENDING).exists():
        raise DomainError(already_waiting)
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(group=group, user=user, message=message)
    except IntegrityError:
        raise DomainError(already_waiting) from None
    event_record(
        kind=Event.Kind.JOIN_REQUESTED, subject=join_request, actor=user, data={"group_id": group.pk}
    )
    return join_request


def _decide(*, join_request: JoinRequest, decided_by: User, note: str, status: str) -> JoinRequest:
    """Claim the pending request with a conditional UPDATE, so a double click decides it once."""
    note = note.strip()
    _check_length(note, NOTE_MAX_LENGTH, "note")
    now = timezone.now()
    claimed = JoinRequest.objects.filter(pk=join_request.pk, status=JoinRequest.Status.PENDING).update(
        status=status, decided_by=decided_by, decided_at=now, decision_note=note, updated_at=now
    )
    if not claimed:
        raise DomainError(_("This request was already decided."))
    join_request.refresh_from_db()
    event_record(
        kind=Event.Kind.JOIN_DECIDED, subject=join_request, actor=decided_by, data={"status": status}
    )
    return join_request


@transaction.atomic
def join_request_approve(*, join_request: JoinRequest, decided_by: User, note: str = "") -> JoinRequest:
    """Approve a pending request (a lead of the group or staff): the person joins as a member."""
    _require_manager(decided_by, join_request.group)
    join_request = _decide(
        join_request=join_request, decided_by=decided_by, note=note, status=JoinRequest.Status.APPROVED
    )
    # Checked after the claim, so a request decided meanwhile says so; raising undoes the claim.
    if not is_portal_member(join_request.user):
        raise DomainError(
            _("%(name)s is no longer with an active member organization; decline the request instead.")
            % {"name": join_request.user}
        )
    GroupMembership.objects.get_or_create(
        group=join_request.group, user=join_request.user, defaults={"role": GroupMembership.Role.MEMBER}
    )
    return join_request


@transaction.atomic
def join_request_decline(*, join_request: JoinRequest, decided_by: User, note: str = "") -> JoinRequest:
    """Decline a pending request (a lead of the group or staff); the note goes to the requester."""
    _require_manager(decided_by, join_request.group)
    return _decide(
        join_request=join_request, decided_by=decided_by, note=note, status=JoinRequest.Status.DECLINED
    )


@transaction.atomic
def group_member_add(*, group: WorkingGroup, email: str, added_by: User) -> GroupMembership:
    """A lead adds a portal member by e-mail address; the person is told by e-mail.

    A request the person had waiting is approved by the same stroke, so it does not linger.
    """
    _require_manager(added_by, group)
    email = email.strip()
    person = User.objects.filter(email__iexact=email, is_active=True).first()
    if person is None or not is_portal_member(person):
        raise DomainError(
            _("No active portal member has the address %(email)s.") % {"email": email}, field="email"
        )
    already_in = _("%(name)s is already in this group.") % {"name": person}
    if GroupMembership.objects.filter(group=group, user=person).exists():
        raise DomainError(already_in, field="email")
    try:
        with transaction.atomic():
            membership = GroupMembership.objects.create(
                group=group, user=person, role=GroupMembership.Role.MEMBER
            )
    except IntegrityError:
        raise DomainError(already_in, field="email") from None
    now = timezone.now()
    JoinRequest.objects.filter(group=group, user=person, status=JoinRequest.Status.PENDING).update(
        status=JoinRequest.Status.APPROVED, decided_by=added_by, decided_at=now, updated_at=now
    )
    event_record(kind=Event.Kind.GROUP_MEMBER_ADDED, subject=membership, actor=added_by)
    return membership


def group_lead_named(*, membership: GroupMembership, actor: User) -> None:
    """Record that `membership` was made a lead (the person is e-mailed once it commits)."""
    event_record(
        kind=Event.Kind.GROUP_LEAD_NAMED,
        subject=membership,
        actor=actor,
        data={"group_id": membership.group_id, "user_id": membership.user_id},
    )


@transaction.atomic
def group_member_remove(*, membership: GroupMembership, removed_by: User) -> None:
    """A lead removes a member. Leads themselves are changed by the secretariat in the admin."""
    _require_manager(removed_by, membership.group)
    membership = GroupMembership.objects.select_for_update().filter(pk=membership.pk).first()
    if membership is None:
        raise DomainError(_("This person is no longer in the group."))
    if membership.role == GroupMembership.Role.LEAD:
        raise DomainError(_("Leads are named and removed by the secretariat; ask them to change a lead."))
    membership.delete()


@transaction.atomic
def group_leave(*, group: WorkingGroup, user: User) -> None:
    """Leave a group. The last lead cannot: a group always keeps someone to answer its requests."""
    # Locking the group serializes two leads leaving at once, so they cannot both be "the other".
    WorkingGroup.objects.select_for_update().filter(pk=group.pk).first()
    membership = GroupMembership.objects.filter(group=group, user=user).first()
    if membership is None:
        raise DomainError(_("You are not in this group."))
    if membership.role == GroupMembership.Role.LEAD:
        other_leads = (
            visible_group_memberships().filter(group=group, role=GroupMembership.Role.LEAD).exclude(user=user)
        )
        if not other_leads.exists():
            raise DomainError(
                _("You are this group's only lead. Ask the secretariat to name another lead first.")
            )
    membership.delete()


@transaction.atomic
def group_update_charter(
    *, group: WorkingGroup, updated_by: User, version: int, **texts: str
) -> WorkingGroup:
    """A lead or staff edits the summary and charter, in English and French (summary_en,
    summary_fr, charter_en, charter_fr); django-simple-history keeps each version.

    `version` is the group's version the person started from: if someone saved it since,
    nothing is written and Conflict is raised."""
    _require_manager(updated_by, group)
    group = claim_version(
        WorkingGroup,
        group.pk,
        version,
        refusal=_("Someone else saved this charter after you opened it; your changes are not saved yet."),
    )
    limits = {"summary": SUMMARY_MAX_LENGTH, "charter": CHARTER_MAX_LENGTH}
    for name, value in texts.items():
        base_name, language = name.rsplit("_", 1)
        if base_name not in limits or language not in dict(settings.LANGUAGES):
            raise DomainError(_("Unknown field."), field=None)
        value = value.strip()
        _check_length(value, limits[base_name], name)
        setattr(group, name, value)
    group._history_user = updated_by
    group.save()
    return group


def ensure_roadmap_groups() -> dict[str, WorkingGroup]:
    """Create the three groups the roadmap names, once: existing groups (found by slug) are left as
    the secretariat and leads have made them. Returns the groups by slug."""
    from .roadmap_groups import ROADMAP_GROUPS

    groups = {}
    with transaction.atomic():
        for slug, texts in ROADMAP_GROUPS:
            defaults = {}
            for language, (name, summary, charter) in texts.items():
                defaults.update(
                    {f"name_{language}": name, f"summary_{language}": summary, f"charter_{language}": charter}
                )
            groups[slug], _created = WorkingGroup.objects.get_or_create(slug=slug, defaults=defaults)
    return groups
