"""A week before an API token expires its owner gets one e-mail (an account notice: sent even with
immediate e-mail off, no unsubscribe link), in their language; never for a token that no longer
works."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format

from apps.accounts.models import ApiToken
from apps.accounts.services_tokens import api_token_create, api_token_revoke
from apps.core.models import Event
from apps.notifications.delivery import events_deliver
from apps.notifications.models import NotificationPreference
from apps.notifications.reminders import reminders_record
from tests.notifications.conftest import html_part


def expiring_on(user, day, *, name="Reporting script", hour=12):
    token, _ = api_token_create(user=user, name=name)
    expires_at = timezone.make_aware(datetime.combine(day, time(hour)))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=expires_at)
    token.refresh_from_db()
    return token


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def test_the_owner_hears_once_a_week_before_a_token_expires(member, mailoutbox):
    token = expiring_on(member, in_days(7))

    assert reminders_record() == 1
    assert reminders_record() == 0
    events_deliver()
    reminders_record(today=in_days(1))
    events_deliver()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [member.email]
    assert message.subject == f"Your API token “Reporting script” expires on {date_format(in_days(7))}"
    assert token.prefix in message.body
    assert "/en/accounts/profile/api-tokens/" in message.body
    assert "/en/accounts/profile/api-tokens/" in html_part(message)


def test_no_notice_eight_days_ahead_and_one_the_next_day(member, mailoutbox):
    expiring_on(member, in_days(8))

    assert reminders_record() == 0
    assert reminders_record(today=in_days(1)) == 1


def test_a_token_expiring_sooner_than_a_week_is_told_at_once(member, mailoutbox):
    """E.g. tokens that existed before expiry did, or a lifetime setting shorter than a week."""
    expiring_on(member, in_days(2))

    assert reminders_record() == 1


def test_no_notice_for_revoked_expired_or_deactivated_tokens(member, contact, outsider, mailoutbox):
    revoked = expiring_on(member, in_days(5), name="Revoked")
    api_token_revoke(token=revoked, actor=member)
    expired = expiring_on(contact, in_days(0), name="Expired")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    expiring_on(outsider, in_days(5), name="Deactivated owner")
    outsider.is_active = False
    outsider.save()

    assert reminders_record() == 0


def test_a_token_revoked_after_the_scan_is_not_announced(member, mailoutbox):
    token = expiring_on(member, in_days(6))
    reminders_record()
    api_token_revoke(token=token, actor=member)

    events_deliver()

    assert mailoutbox == []
    assert Event.objects.get(kind=Event.Kind.API_TOKEN_EXPIRING).processed_at is not None


def test_the_notice_ignores_the_immediate_email_opt_out_and_has_no_unsubscribe(member, mailoutbox):
    NotificationPreference.objects.create(user=member, immediate_email=False)
    expiring_on(member, in_days(3))

    reminders_record()
    events_deliver()

    (message,) = mailoutbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "unsubscribe" not in message.body.lower()


def test_the_notice_is_written_in_the_owners_language(member, mailoutbox):
    member.preferred_language = "fr"
    member.save()
    expiring_on(member, in_days(7))

    reminders_record()
    events_deliver()

    (message,) = mailoutbox
    assert message.subject.startswith("Votre jeton d'API « Reporting script » expire le ")
    assert "/fr/" in message.body
