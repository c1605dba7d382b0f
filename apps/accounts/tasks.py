from celery import shared_task
from django.urls import reverse

from apps.core.mail import absolute_url, send_templated_email

from .models import Invitation, hash_token


@shared_task(autoretry_for=(ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int, token: str) -> None:
    invitation = (
        Invitation.objects.select_related("organization", "invited_by").filter(pk=invitation_id).first()
    )
    # A resend replaces the token; only the newest link is worth sending.
    if invitation is None or not invitation.is_pending or invitation.token_hash != hash_token(token):
        return
    send_templated_email(
        template="invitation",
        to=[invitation.email],
        context={
            "invitation": invitation,
            "accept_url": absolute_url(reverse("accounts:invitation_accept", kwargs={"token": token})),
        },
    )
