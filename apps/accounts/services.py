"""Writes about people: their profile, reactivation, invitations and their acceptance.

Every function here runs in a transaction and is the only code that changes these rows.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import DomainError
from apps.core.i18n import current_language, is_supported_language
from apps.core.tasks import enqueue_on_commit

from .models import Invitation, User, hash_token
from .permissions import can_change_account


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _invitation_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


@transaction.atomic
def invitation_create(
    *,
    organization,
    email: str,
    role: str,
    invited_by: User | None,
    full_name: str = "",
    language: str = "",
) -> Invitation:
    """Invite `email` to `organization` and e-mail them a single-use link.

    Refused when the person already belongs to the organization or has a pending invitation to it.
    """
    from apps.organizations.models import Membership

    if role not in Invitation.Role.values:
        raise DomainError(_("Choose a role: organization contact or member."), field="role")
    email = User.objects.normalize_email(email).strip().lower()
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise DomainError(
            _("%(email)s already belongs to %(organization)s.")
            % {"email": email, "organization": organization},
            field="email",
        )
    if Invitation.objects.pending().filter(organization=organization, email__iexact=email).exists():
        raise DomainError(
            _("%(email)s already has a pending invitation; resend it instead.") % {"email": email},
            field="email",
        )
    token, token_hash = _new_token()
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        full_name=full_name,
        role=role,
        invited_by=invited_by,
        language=language if is_supported_language(language) else current_language(),
        token_hash=token_hash,
        expires_at=_invitation_expiry(),
    )
    _send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, sent_by: User) -> Invitation:
    """Send a fresh link (the old one stops working) and restart the expiry clock."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(
            _("This invitation was already %(state)s; it cannot be resent.")
            % {"state": invitation.get_state_display().lower()}
        )
    token, invitation.token_hash = _new_token()
    invitation.expires_at = _invitation_expiry()
    invitation.sent_count += 1
    invitation.last_sent_at = timezone.now()
    invitation.save(update_fields=["token_hash", "expires_at", "sent_count", "last_sent_at", "updated_at"])
    _send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, revoked_by: User) -> Invitation:
    updated = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), revoked_by=revoked_by, updated_at=timezone.now())
    if not updated:
        raise DomainError(_("This invitation was already accepted or revoked."))
    invitation.refresh_from_db()
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link points to, whatever its state, or None for an unknown link."""
    return (
        Invitation.objects.select_related("organization", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


@transaction.atomic
def invitation_accept(
    *, token: str, user: User | None = None, full_name: str = "", password: str = ""
) -> User:
    """Accept the invitation behind `token`, once.

    A newcomer gives a name and password and gets an account; a person who already has one
    must be signed in as the invited address (`user`). Either way they join the organization
    with the invited role. The claim is a conditional UPDATE, so a link works exactly once even
    when two tabs submit it together.
    """
    from apps.organizations.models import Membership

    invitation = invitation_for_token(token)
    if invitation is None or invitation.state != Invitation.State.PENDING:
        raise DomainError(_("This invitation link is no longer valid. Ask for a new one."))
    if not invitation.organization.is_active:
        raise DomainError(
            _("%(organization)s is not an active member at the moment.")
            % {"organization": invitation.organization}
        )

    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise DomainError(
                _("Sign in as %(email)s to accept this invitation.") % {"email": invitation.email}
            )
        if not existing.is_active:
            raise DomainError(_("This account is deactivated. Contact the secretariat."))
        person = existing
    else:
        if user is not None and user.is_authenticated:
            raise DomainError(
                _("This invitation is for %(email)s. Sign out first to accept it.")
                % {"email": invitation.email}
            )
        person = User(
            email=invitation.email,
            full_name=full_name.strip() or invitation.full_name,
            preferred_language=current_language(),  # the language they accepted the invitation in
        )
        try:
            validate_password(password, user=person)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="password") from None
        person.set_password(password)
        try:
            with transaction.atomic():
                person.save()
        except IntegrityError:
            raise DomainError(_("An account with this e-mail already exists. Sign in to accept.")) from None

    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).update(accepted_at=timezone.now(), accepted_by=person, updated_at=timezone.now())
    if not claimed:
        raise DomainError(_("This invitation link is no longer valid. Ask for a new one."))

    membership, created = Membership.objects.get_or_create(
        user=person, organization=invitation.organization, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.CONTACT and not membership.is_contact:
        membership.role = Membership.Role.CONTACT
        membership.save(update_fields=["role", "updated_at"])
    return person


@transaction.atomic
def user_update_profile(
    *, user: User, full_name: str, job_title: str = "", preferred_language: str = ""
) -> User:
    """Change what other members see of a person (name, job title) and the language the portal
    and its e-mails speak to them in."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise DomainError(_("Enter your full name."), field="full_name")
    if preferred_language and not is_supported_language(preferred_language):
        raise DomainError(_("Choose English or French."), field="preferred_language")
    user.full_name = full_name
    user.job_title = " ".join(job_title.split())
    user.preferred_language = preferred_language or user.preferred_language
    user.save(update_fields=["full_name", "job_title", "preferred_language"])
    return user


@transaction.atomic
def user_reactivate(*, person: User, actor: User) -> User:
    """Let a deactivated person sign in again (the secretariat's decision, from the admin).

    Their memberships were kept as records, so they come back with their organizations and groups.
    """
    person = User.objects.select_for_update(no_key=True).get(pk=person.pk)
    if not can_change_account(actor, person):
        raise DomainError(_("Only a superuser can reactivate %(person)s.") % {"person": person})
    if person.is_active:
        raise DomainError(_("%(person)s is already active.") % {"person": person})
    person.is_active = True
    person.deactivated_at = None
    person.deactivated_by = None
    person._history_user = actor
    person._change_reason = "reactivated"
    person.save(update_fields=["is_active", "deactivated_at", "deactivated_by"])
    return person


def _send_invitation(invitation: Invitation, token: str) -> None:
    from .tasks import send_invitation_email

    enqueue_on_commit(send_invitation_email, invitation.pk, token)
