"""E-mails about working groups. Each task takes ids, re-fetches, and sends one kind of e-mail in
each recipient's language; a row that changed in the meantime sends nothing stale."""

from celery import shared_task
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import User
from apps.core.mail import absolute_url, send_templated_email

from .models import GroupMembership, JoinRequest

NETWORK_ERRORS = (ConnectionError, OSError)


def _send(*, template: str, person, context: dict) -> None:
    with translation.override(person.preferred_language or None):
        send_templated_email(template=template, to=[person.email], context={"person": person, **context})


@shared_task(autoretry_for=NETWORK_ERRORS, retry_backoff=True, max_retries=5)
def send_join_decision_email(join_request_id: int) -> None:
    """Tell the requester whether a lead approved or declined their request."""
    join_request = (
        JoinRequest.objects.select_related("group", "user", "decided_by").filter(pk=join_request_id).first()
    )
    if join_request is None or join_request.status not in (
        JoinRequest.Status.APPROVED,
        JoinRequest.Status.DECLINED,
    ):
        return
    _send(
        template="group_join_decision",
        person=join_request.user,
        context={
            "group": join_request.group,
            "join_request": join_request,
            "is_approved": join_request.status == JoinRequest.Status.APPROVED,
            "group_url": absolute_url(join_request.group.get_absolute_url()),
            "groups_url": absolute_url(reverse("working_groups:list")),
        },
    )


@shared_task(autoretry_for=NETWORK_ERRORS, retry_backoff=True, max_retries=5)
def send_member_added_email(group_membership_id: int, added_by_id: int) -> None:
    """Tell a person a lead added them to a group (unless they were removed again meanwhile)."""
    membership = (
        GroupMembership.objects.select_related("group", "user").filter(pk=group_membership_id).first()
    )
    if membership is None:
        return
    _send(
        template="group_member_added",
        person=membership.user,
        context={
            "group": membership.group,
            "added_by": User.objects.filter(pk=added_by_id).first(),
            "group_url": absolute_url(membership.group.get_absolute_url()),
        },
    )
