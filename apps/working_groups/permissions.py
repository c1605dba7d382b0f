"""Who may do what with working groups. Pure predicates, shared by views, templates and services.

A group fetched by `selectors.group_for_viewer` carries the viewer's role and pending request
(`viewer_id`, `viewer_role`, `viewer_has_pending_request`), so these predicates answer without a
query for that viewer; for anyone else they ask the database.
"""

from apps.accounts.membership import is_portal_member

from .models import GroupMembership, JoinRequest


def role_in_group(user, group) -> str | None:
    """`lead`, `member`, or None when `user` is not in `group`."""
    if not user.is_authenticated:
        return None
    if getattr(group, "viewer_id", None) == user.pk:
        return group.viewer_role
    return GroupMembership.objects.filter(group=group, user=user).values_list("role", flat=True).first()


def has_pending_request(user, group) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(group, "viewer_id", None) == user.pk:
        return group.viewer_has_pending_request
    return JoinRequest.objects.filter(group=group, user=user, status=JoinRequest.Status.PENDING).exists()


def can_view_group(user, group) -> bool:
    """Portal members see active groups; staff also see the ones they have closed."""
    if not is_portal_member(user):
        return False
    return group.is_active or user.is_staff


def can_manage_group(user, group) -> bool:
    """Decide join requests, add and remove members, edit the charter: a lead of this group or staff."""
    if not can_view_group(user, group):
        return False
    return user.is_staff or role_in_group(user, group) == GroupMembership.Role.LEAD


def can_request_to_join(user, group) -> bool:
    """A portal member who is not in this active group and has no request waiting."""
    if not is_portal_member(user) or not group.is_active:
        return False
    return role_in_group(user, group) is None and not has_pending_request(user, group)


def can_leave_group(user, group, *, lead_count: int) -> bool:
    """Members may leave; a lead only while another lead stays, so no group is left without one."""
    role = role_in_group(user, group)
    if role is None:
        return False
    return role == GroupMembership.Role.MEMBER or lead_count > 1
