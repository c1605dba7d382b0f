"""E-mails about applications and membership status. Each task takes ids, re-fetches, and sends
one e-mail per recipient in that person's language."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from apps.core.mail import absolute_url, send_templated_email

from .models import Membership, MembershipApplication, MembershipStatusChange, Organization

RETRY = {"autoretry_for": (ConnectionError, OSError), "retry_backoff": True, "max_retries": 5}


def _send(*, template: str, to: str, language: str, context: dict) -> None:
    with translation.override(language or settings.LANGUAGE_CODE):
        send_templated_email(
            template=template,
            to=[to],
            context={"SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL, **context},
        )


def _application(application_id: int) -> MembershipApplication | None:
    return (
        MembershipApplication.objects.select_related("existing_organization")
        .prefetch_related("segments")
        .filter(pk=application_id)
        .first()
    )


@shared_task(**RETRY)
def send_application_received(application_id: int) -> None:
    """The applicant's receipt: what they sent and what happens next."""
    application = _application(application_id)
    if application is None:
        return
    _send(
        template="application_received",
        to=application.applicant_email,
        language=application.language,
        context={"application": application},
    )


@shared_task(**RETRY)
def send_application_approved(application_id: int, organization_id: int, invited: bool) -> None:
    """Welcome the applicant. When `invited`, their link to set a password comes in its own e-mail."""
    application = _application(application_id)
    organization = Organization.objects.filter(pk=organization_id).first()
    if application is None or organization is None:
        return
    _send(
        template="application_approved",
        to=application.applicant_email,
        language=application.language,
        context={
            "application": application,
            "organization": organization,
            "invited": invited,
            "sign_in_url": absolute_url(reverse("accounts:login")),
        },
    )


@shared_task(**RETRY)
def send_application_rejected(application_id: int) -> None:
    application = _application(application_id)
    if application is None or application.status != MembershipApplication.Status.REJECTED:
        return
    _send(
        template="application_rejected",
        to=application.applicant_email,
        language=application.language,
        context={"application": application},
    )


@shared_task(**RETRY)
def send_membership_status_changed(status_change_id: int) -> None:
    """Tell each contact of the organization its new status and the reason."""
    change = MembershipStatusChange.objects.select_related("organization").filter(pk=status_change_id).first()
    if change is None:
        return
    contacts = Membership.objects.filter(
        organization=change.organization, role=Membership.Role.CONTACT, user__is_active=True
    ).select_related("user")
    for membership in contacts:
        _send(
            template="membership_status_changed",
            to=membership.user.email,
            language=membership.user.preferred_language,
            context={
                "change": change,
                "organization": change.organization,
                "person": membership.user,
                "is_active": change.to_status == Organization.Status.ACTIVE,
                "status_url": absolute_url(reverse("organizations:membership_status")),
                "home_url": absolute_url(reverse("home")),
            },
        )
