"""The life of a membership after approval: staff suspend, mark lapsed and reinstate.

Each change needs a reason, leaves a MembershipStatusChange row, and tells the organization's
contacts. People of a suspended or lapsed organization can still sign in, but only see the page
that explains the status (see `apps.accounts.membership.member_required`).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import DomainError
from apps.core.events import event_record
from apps.core.models import Event

from ..models import MembershipStatusChange, Organization

Status = Organization.Status

# The statuses an organization may come from, for each status it may go to. Suspended and lapsed
# lead to each other: a suspended member whose renewal date passes has lapsed, and a lapsed one
# may be suspended for cause while it settles what it owes.
ALLOWED_FROM = {
    Status.SUSPENDED: {Status.ACTIVE, Status.LAPSED},
    Status.LAPSED: {Status.ACTIVE, Status.SUSPENDED},
    Status.ACTIVE: {Status.SUSPENDED, Status.LAPSED},
}
REASON_MAX_LENGTH = 500


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            _("Give a reason; it is recorded and sent to the organization's contacts."), field="reason"
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise DomainError(
            _("Keep the reason under %(limit)d characters.") % {"limit": REASON_MAX_LENGTH}, field="reason"
        )
    return reason


def _refusal(organization: Organization, to_status: str) -> str:
    if organization.membership_status == to_status:
        return _("%(organization)s is already %(status)s.") % {
            "organization": organization,
            "status": organization.get_membership_status_display().lower(),
        }
    return _("%(organization)s cannot go from %(from)s to %(to)s.") % {
        "organization": organization,
        "from": organization.get_membership_status_display().lower(),
        "to": Status(to_status).label.lower(),
    }


def _change_status(
    *, organization: Organization, actor, reason: str, to_status: str
) -> MembershipStatusChange:
    """Lock the row, check the transition, write the status, its history and the change row, and
    schedule the e-mail to the contacts."""
    reason = _clean_reason(reason)
    locked = Organization.objects.select_for_update().get(pk=organization.pk)
    from_status = locked.membership_status
    if from_status not in ALLOWED_FROM[to_status]:
        raise DomainError(_refusal(locked, to_status))
    locked.membership_status = to_status
    locked.status_reason = reason
    update_fields = ["membership_status", "status_reason", "updated_at"]
    today = timezone.localdate()
    if to_status == Status.ACTIVE and (locked.renewal_due_on is None or locked.renewal_due_on < today):
        locked.renewal_due_on = one_year_after(today)
        update_fields.append("renewal_due_on")
    locked._history_user = actor
    locked.save(update_fields=update_fields)
    change = MembershipStatusChange.objects.create(
        organization=locked, from_status=from_status, to_status=to_status, reason=reason, changed_by=actor
    )
    for field in update_fields:
        setattr(organization, field, getattr(locked, field))

    event_record(
        kind=Event.Kind.MEMBERSHIP_STATUS_CHANGED,
        subject=change,
        actor=actor,
        data={"organization_id": locked.pk, "to": to_status},
    )
    return change


@transaction.atomic
def organization_suspend(*, organization: Organization, actor, reason: str) -> MembershipStatusChange:
    """Suspend a member: its people keep their accounts but lose access until it is reinstated."""
    return _change_status(organization=organization, actor=actor, reason=reason, to_status=Status.SUSPENDED)


@transaction.atomic
def organization_mark_lapsed(*, organization: Organization, actor, reason: str) -> MembershipStatusChange:
    """Record that a membership was not renewed; access stops as for a suspension."""
    return _change_status(organization=organization, actor=actor, reason=reason, to_status=Status.LAPSED)


@transaction.atomic
def organization_reinstate(*, organization: Organization, actor, reason: str) -> MembershipStatusChange:
    """Make a suspended or lapsed organization active again; a renewal date already past moves a
    year ahead of today, so it does not show as overdue the moment it returns."""
    return _change_status(organization=organization, actor=actor, reason=reason, to_status=Status.ACTIVE)
