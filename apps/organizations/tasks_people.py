"""E-mails to a person whose place in an organization changed: removed, or role changed.

Tasks take ids and re-fetch, so a change undone before the worker runs sends nothing stale.
"""

from celery import shared_task
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import User
from apps.core.mail import absolute_url, send_templated_email

from .models import Membership, Organization


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_membership_removed_email(user_id: int, organization_id: int) -> None:
    person = User.objects.filter(pk=user_id, is_active=True).first()
    organization = Organization.objects.filter(pk=organization_id).first()
    if person is None or organization is None:
        return
    if Membership.objects.filter(user=person, organization=organization).exists():
        return
    with translation.override(person.preferred_language):
        send_templated_email(
            template="people_membership_removed",
            to=[person.email],
            context={"person": person, "organization": organization},
        )


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_role_changed_email(membership_id: int) -> None:
    membership = (
        Membership.objects.select_related("user", "organization")
        .filter(pk=membership_id, user__is_active=True)
        .first()
    )
    if membership is None:
        return
    person = membership.user
    with translation.override(person.preferred_language):
        send_templated_email(
            template="people_role_changed",
            to=[person.email],
            context={
                "person": person,
                "membership": membership,
                "organization": membership.organization,
                "organization_url": absolute_url(membership.organization.get_absolute_url()),
                "people_url": absolute_url(
                    reverse("organizations:people", kwargs={"slug": membership.organization.slug})
                ),
            },
        )
