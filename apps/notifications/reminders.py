"""The daily scan for things that come due: action updates, membership renewals and API tokens
about to expire.

Each reminder is an event with a key naming its occasion (this action, this due date, first or
second reminder), so running the scan twice, or on two machines, records each reminder once.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import ApiToken
from apps.core.events import event_record_once
from apps.core.models import Event
from apps.organizations.models import Organization
from apps.roadmap.models import Action

SECOND_REMINDER_AFTER = timedelta(days=7)
RENEWAL_NOTICE = timedelta(days=30)
API_TOKEN_EXPIRY_NOTICE = timedelta(days=7)


@transaction.atomic
def reminders_record(*, today: date | None = None) -> int:
    """Record the reminders due today; returns how many are new."""
    today = today or timezone.localdate()
    recorded = 0
    due_actions = Action.objects.update_due(today).exclude(
        owner__isnull=True, working_group__isnull=True
    )
    for action in due_actions.only("pk", "next_update_due_on"):
        due_on = action.next_update_due_on
        reminders = [1, 2] if due_on <= today - SECOND_REMINDER_AFTER else [1]
        for number in reminders:
            recorded += event_record_once(
                kind=Event.Kind.ACTION_UPDATE_DUE,
                subject=action,
                dedup_key=f"action-update-due:{action.pk}:{due_on}:{number}",
                data={"due_on": str(due_on), "reminder": number},
            )
    renewing = Organization.objects.renewal_due_soon(within_days=RENEWAL_NOTICE.days, today=today)
    for organization in renewing.only("pk", "renewal_due_on"):
        recorded += event_record_once(
            kind=Event.Kind.RENEWAL_DUE,
            subject=organization,
            dedup_key=f"renewal-due:{organization.pk}:{organization.renewal_due_on}",
            data={"renewal_due_on": str(organization.renewal_due_on)},
        )
    recorded += _api_token_expiry_notices(today)
    return recorded


def _api_token_expiry_notices(today: date) -> int:
    """One notice per token that still works and expires within the week (by the calendar:
    a token expiring any time on the seventh day from today is told today)."""
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    notice_until = start_of_today + API_TOKEN_EXPIRY_NOTICE + timedelta(days=1)
    expiring = ApiToken.objects.filter(
        revoked_at__isnull=True,
        user__is_active=True,
        expires_at__gt=max(timezone.now(), start_of_today),
        expires_at__lt=notice_until,
    )
    recorded = 0
    for token in expiring.only("pk", "expires_at"):
        recorded += event_record_once(
            kind=Event.Kind.API_TOKEN_EXPIRING,
            subject=token,
            dedup_key=f"api-token-expiring:{token.pk}:{token.expires_at:%Y-%m-%d}",
            data={"expires_at": token.expires_at.isoformat()},
        )
    return recorded
