from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from .models import Frequency, NotificationPreference
from .unsubscribe import Scope

# From least to most mail: what an unsubscribe link may move a digest towards, never away from.
DIGEST_FREQUENCY_RANK = [Frequency.NEVER, Frequency.WEEKLY, Frequency.DAILY]


@transaction.atomic
def preference_save(*, user, watched_areas, **choices) -> NotificationPreference:
    """Save what `user` chose on the preferences page (`choices`: the model's fields)."""
    if choices.get("covers_listings") and not watched_areas:
        raise DomainError(
            _("Choose at least one technology area to watch, or untick new patent listings."),
            field="watched_areas",
        )
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    for name, value in choices.items():
        setattr(preference, name, value)
    preference.save()
    preference.watched_areas.set(watched_areas)
    return preference


@transaction.atomic
def unsubscribe(*, user, scope: str, frequency: str = Frequency.NEVER) -> NotificationPreference:
    """Stop one kind of mail (or, for the digest, make it less frequent). Nothing else changes.

    The link works without signing in, so it only ever lowers what the person receives: a
    "weekly instead" choice never turns a stopped digest back on, nor slows a daily one less.
    """
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    if scope == Scope.IMMEDIATE:
        preference.immediate_email = False
        preference.save(update_fields=["immediate_email", "updated_at"])
    else:
        if frequency not in DIGEST_FREQUENCY_RANK:
            raise DomainError(_("Choose how often to get the digest."), field="frequency")
        preference.digest_frequency = min(
            preference.digest_frequency, frequency, key=DIGEST_FREQUENCY_RANK.index
        )
        preference.save(update_fields=["digest_frequency", "updated_at"])
    return preference
