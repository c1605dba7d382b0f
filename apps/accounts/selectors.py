"""Reads about one person: where they belong. Each is one query, whatever the number of rows."""

from django.db.models import QuerySet

from .models import ApiToken, User


def memberships_of(user: User) -> QuerySet:
    """The person's organizations with their role, each with its organization already joined."""
    from apps.organizations.models import Membership

    return Membership.objects.filter(user=user).select_related("organization").order_by("organization__name")


def group_memberships_of(user: User) -> QuerySet:
    """The active working groups the person belongs to, with their role in each."""
    from apps.working_groups.models import GroupMembership

    return (
        GroupMembership.objects.filter(user=user, group__is_active=True)
        .select_related("group")
        .order_by("group__name")
    )


def api_tokens_of(user: User) -> QuerySet:
    """The person's tokens that are not revoked (expired ones included, marked so), newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
