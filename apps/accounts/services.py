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
from apps.core.events import event_record
from apps.core.i18n import current_language, is_supported_language
from apps.core.models import Event

from .models import Invitation, User, canonical_email, hash_token
from .permissions import can_change_account
from .services_tokens import api_tokens_revoke_all


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def _no_link_yet() -> str:
    """The stored hash of an invitation whose e-mail waits in the outbox: of a token nobody
    keeps, so no link works until the e-mail is sent (and a resend kills the old link at once)."""
    return _new_token()[1]


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
    """Invite `email` to `organization` and e-mail them a single-use link (through the outbox:
    the link is made when the e-mail is sent, see `invitation_link_issue`).

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
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        full_name=full_name,
        role=role,
        invited_by=invited_by,
        language=language if is_supported_language(language) else current_language(),
        token_hash=_no_link_yet(),
        expires_at=_invitation_expiry(),
    )
    _send_invitation(invitation, actor=invited_by)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, sent_by: User) -> Invitation:
    """Send a fresh link and restart the expiry clock. The old link stops working at once; the
    new one is made when the e-mail goes out."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise DomainError(
            _("This invitation was already %(state)s; it cannot be resent.")
            % {"state": invitation.get_state_display().lower()}
        )
    invitation.token_hash = _no_link_yet()
    invitation.expires_at = _invitation_expiry()
    invitation.sent_count += 1
    invitation.sent_at = None
    invitation.save(update_fields=["token_hash", "expires_at", "sent_count", "sent_at", "updated_at"])
    _send_invitation(invitation, actor=sent_by)
    return invitation


@transaction.atomic
def invitation_link_issue(*, invitation_id: int, sending: int) -> tuple[Invitation, str] | None:
    """Make the link of an invitation e-mail about to go out: a fresh token, whose hash is
    stored, and the time sent. None when that e-mail is no longer due (the invitation was
    answered, revoked, resent since, or this e-mail already went out).

    The caller sends the e-mail inside its own transaction around this call, so a failed send
    leaves the invitation waiting, and the outbox tries again later.
    """
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organization", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        return None
    if invitation.sent_count != sending or invitation.sent_at is not None:
        return None
    token, invitation.token_hash = _new_token()
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["token_hash", "sent_at", "updated_at"])
    return invitation, token


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

    existing = User.objects.filter(email=canonical_email(invitation.email)).first()
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
            email=canonical_email(invitation.email),
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
def user_password_set(
    *, user: User, password: str | None, reason: str, actor: User | None = None
) -> int:
    """Set a new password (None: no password at all) and revoke every API token of the person,
    in one transaction; returns how many tokens were revoked.

    Every way a password changes goes through here: the person's own change on their profile,
    the e-mailed reset link and the admin's password form (each form's `set_password_and_save`).
    Whoever took over the old password may have made tokens with it; they end with it.
    The password was already checked against the rules by the form.
    """
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save(update_fields=["password"])
    return api_tokens_revoke_all(user=user, reason=reason, actor=actor)


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


@transaction.atomic
def password_reset_request(*, user: User) -> None:
    """Queue the e-mail with a link to reset `user`'s password. The event holds no secret: the
    link is made when the e-mail is sent, so with Redis down it waits and still goes out."""
    event_record(kind=Event.Kind.PASSWORD_RESET_REQUESTED, subject=user)


def _send_invitation(invitation: Invitation, *, actor: User | None) -> None:
    """Queue the invitation e-mail in the outbox. The event names which sending it is, never the
    link: the worker makes that when it sends."""
    event_record(
        kind=Event.Kind.INVITATION_SENT,
        subject=invitation,
        actor=actor,
        data={"sending": invitation.sent_count},
    )
