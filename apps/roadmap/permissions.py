"""Who may do what with roadmap actions. The pages, the API and the templates all ask these."""

from apps.accounts.membership import is_portal_member
from apps.working_groups.models import GroupMembership


def can_view_roadmap(user) -> bool:
    return is_portal_member(user)


def is_lead_of_owning_group(user, action) -> bool:
    if not user.is_authenticated or action.working_group_id is None:
        return False
    lead_group_ids = getattr(user, "_lead_group_ids", None)
    if lead_group_ids is None:
        lead_group_ids = set(
            GroupMembership.objects.filter(user=user, role=GroupMembership.Role.LEAD).values_list(
                "group_id", flat=True
            )
        )
        user._lead_group_ids = lead_group_ids  # cached for the request: lists ask once per row
    return action.working_group_id in lead_group_ids


def can_post_update(user, action) -> bool:
    """Leads of the owning working group, the action's owner, and secretariat staff."""
    if not is_portal_member(user):
        return False
    return user.is_staff or action.owner_id == user.id or is_lead_of_owning_group(user, action)


def can_name_owner(user, action) -> bool:
    """Staff, and leads of the owning group (who pick from the group's members)."""
    if not is_portal_member(user):
        return False
    return user.is_staff or is_lead_of_owning_group(user, action)
