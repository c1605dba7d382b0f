"""Reads for the working-group pages, with the joins they need, so each page runs a fixed number of
queries whatever the number of groups, members and requests."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from apps.organizations.models import Membership, Organization

from .models import GroupMembership, JoinRequest, WorkingGroup
from .permissions import can_manage_group, can_view_group


def _is_portal_member(user_field: str) -> Q:
    """People shown in groups: active, and staff or in an active organization (as is_portal_member)."""
    in_active_organization = Exists(
        Membership.objects.filter(
            user=OuterRef(user_field), organization__membership_status=Organization.Status.ACTIVE
        )
    )
    return Q(**{f"{user_field}__is_active": True}) & (
        Q(**{f"{user_field}__is_staff": True}) | in_active_organization
    )


def visible_group_memberships() -> QuerySet[GroupMembership]:
    """Group memberships of people who are portal members now; the others disappear from pages."""
    return GroupMembership.objects.filter(_is_portal_member("user"))


def _active_organization_memberships() -> Prefetch:
    """Each person's active organizations, for "name (organization)" lines."""
    return Prefetch(
        "user__memberships",
        queryset=Membership.objects.filter(organization__membership_status=Organization.Status.ACTIVE)
        .select_related("organization")
        .order_by("organization__name"),
        to_attr="active_memberships",
    )


def _with_viewer(queryset: QuerySet[WorkingGroup], user) -> QuerySet[WorkingGroup]:
    """Annotate the viewer's role and pending request, read by the predicates in permissions.py."""
    return queryset.annotate(
        viewer_id=Value(user.pk, output_field=IntegerField()),
        viewer_role=Subquery(
            GroupMembership.objects.filter(group=OuterRef("pk"), user=user.pk).values("role")[:1]
        ),
        viewer_has_pending_request=Exists(
            JoinRequest.objects.filter(group=OuterRef("pk"), user=user.pk, status=JoinRequest.Status.PENDING)
        ),
    )


def groups_for_list(*, user) -> QuerySet[WorkingGroup]:
    """Active groups with their member count, their leads and the viewer's place in each."""
    member_count = (
        visible_group_memberships()
        .filter(group=OuterRef("pk"))
        .order_by()
        .values("group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    leads = visible_group_memberships().filter(role=GroupMembership.Role.LEAD).select_related("user")
    queryset = (
        WorkingGroup.objects.filter(is_active=True)
        .annotate(member_count=Coalesce(Subquery(member_count, output_field=IntegerField()), 0))
        .prefetch_related(Prefetch("group_memberships", queryset=leads, to_attr="lead_memberships"))
        .order_by("name")
    )
    return _with_viewer(queryset, user)


def get_group_for_user(user, slug: str, *, write: bool = False) -> WorkingGroup:
    """The group at `slug` as `user` sees it: 404 when they may not see it, 403 when they may see it
    but `write` asks to manage it."""
    group = _with_viewer(WorkingGroup.objects.all(), user).filter(slug=slug).first()
    if group is None or not can_view_group(user, group):
        raise Http404
    if write and not can_manage_group(user, group):
        raise PermissionDenied
    return group


def group_members(*, group: WorkingGroup) -> list[GroupMembership]:
    """Leads first, then members by name, each with their active organizations."""
    return list(
        visible_group_memberships()
        .filter(group=group)
        .select_related("user")
        .prefetch_related(_active_organization_memberships())
        .order_by("role", "user__full_name", "user__email")
    )


def pending_join_requests(*, group: WorkingGroup) -> list[JoinRequest]:
    """Requests a lead can decide, oldest first; people who are no longer members are left out."""
    return list(
        JoinRequest.objects.filter(group=group, status=JoinRequest.Status.PENDING)
        .filter(_is_portal_member("user"))
        .select_related("user")
        .prefetch_related(_active_organization_memberships())
        .order_by("created_at", "pk")
    )


def group_leads(*, group: WorkingGroup) -> list[GroupMembership]:
    """The leads who are portal members now: the people to tell about a join request."""
    return list(
        visible_group_memberships()
        .filter(group=group, role=GroupMembership.Role.LEAD)
        .select_related("user")
        .order_by("user__full_name")
    )


def join_requests_waiting_long(*, days: int = 7) -> QuerySet[JoinRequest]:
    """Pending requests no lead has answered for `days`: the secretariat follows them up."""
    return JoinRequest.objects.filter(
        status=JoinRequest.Status.PENDING, created_at__lt=timezone.now() - timedelta(days=days)
    )
