from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from apps.organizations.models import Organization

from .models import Frequency, NotificationPreference


def preference_for(user) -> NotificationPreference:
    """The person's saved preferences, or the defaults (unsaved) when they never chose."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference or NotificationPreference(user=user)


def people_muting_immediate_email(user_ids) -> set[int]:
    return set(
        NotificationPreference.objects.filter(user_id__in=user_ids, immediate_email=False).values_list(
            "user_id", flat=True
        )
    )


def digest_recipients(*, frequency: str) -> QuerySet:
    """Active portal members (and staff) whose digest comes at `frequency`. Without a saved
    preference a person has the default, weekly."""
    if frequency == Frequency.NEVER:
        return get_user_model().objects.none()
    chose = Q(notification_preference__digest_frequency=frequency)
    if frequency == NotificationPreference._meta.get_field("digest_frequency").default:
        chose |= Q(notification_preference__isnull=True)
    member = Q(is_staff=True) | Q(
        pk__in=get_user_model()
        .objects.filter(memberships__organization__membership_status=Organization.Status.ACTIVE)
        .values("pk")
    )
    return get_user_model().objects.filter(chose, member, is_active=True)
