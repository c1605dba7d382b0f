"""E-mails about people, sent by the Celery worker from ids (and link tokens), one task each."""

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation

from apps.core.mail import absolute_url, send_templated_email

from .models import Invitation, User, hash_token


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int, token: str) -> None:
    invitation = (
        Invitation.objects.select_related("organization", "invited_by").filter(pk=invitation_id).first()
    )
    # A resend replaces the token; only the newest link is worth sending.
    if invitation is None or not invitation.is_pending or invitation.token_hash != hash_token(token):
        return
    with translation.override(invitation.language):
        send_templated_email(
            template="invitation",
            to=[invitation.email],
            context={
                "invitation": invitation,
                "accept_url": absolute_url(reverse("accounts:invitation_accept", kwargs={"token": token})),
            },
        )


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_password_reset_email(user_id: int, uidb64: str, token: str) -> None:
    """The reset link, in the person's language; nothing when the link no longer works.

    A link stops working once the password changes or the person is deactivated, so a retry
    after either sends nothing.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return
    reset_url = absolute_url(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
    )
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        send_templated_email(
            template="password_reset",
            to=[user.email],
            context={
                "user": user,
                "reset_url": reset_url,
                "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            },
        )
