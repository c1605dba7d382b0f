"""Helpers shared by the working-group tests: the role matrix and the group URLs."""

from django.urls import reverse

from apps.working_groups.models import JoinRequest

ROLES = ["anonymous", "suspended_member", "member", "lead", "other_lead", "outsider", "staff"]
SIGN_IN_URL = reverse("accounts:login")
MEMBERSHIP_STATUS_URL = reverse("organizations:membership_status")


def person_for(request, role):
    """The user fixture named `role` (None for anonymous)."""
    return None if role == "anonymous" else request.getfixturevalue(role)


def assert_kept_out(response, role):
    """Anonymous people go to sign-in; people of a suspended organization to its status page."""
    assert response.status_code == 302
    if role == "anonymous":
        assert response.url.startswith(SIGN_IN_URL + "?next=")
    else:
        assert response.url == MEMBERSHIP_STATUS_URL


def group_url(name, group, *args):
    return reverse(f"working_groups:{name}", args=[group.slug, *args])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def pending_requests(group) -> int:
    return JoinRequest.objects.filter(group=group, status=JoinRequest.Status.PENDING).count()
