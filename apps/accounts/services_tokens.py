"""Writes about API tokens: a person creates named tokens for their scripts and revokes them;
changing the password, a reset and deactivation revoke them all; staff revoke them in the admin.

Only a token's SHA-256 is stored: the token itself exists once, in the value api_token_create
returns, and the profile page shows it that one time.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from .models import ApiToken, User, hash_token

TOKEN_NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length
# Enough for every script a person runs; a cap keeps forgotten tokens from piling up.
ACTIVE_TOKENS_MAX = 20

RevokedReason = ApiToken.RevokedReason


def api_token_lifetime() -> timedelta:
    return timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a named token for `user` and return it with the raw token, which is not kept.

    Names are unique among the person's usable tokens, so the list says which script is which.
    The caller makes sure the person confirmed who they are recently (recent_authentication).
    """
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Name the token after what will use it, e.g. “reporting script”."), field="name")
    if len(name) > TOKEN_NAME_MAX_LENGTH:
        raise DomainError(
            _("Keep the name under %(count)d characters.") % {"count": TOKEN_NAME_MAX_LENGTH}, field="name"
        )
    if not user.is_active:
        raise DomainError(_("This account is deactivated."))
    # Lock the person's row so two requests cannot both pass the checks below.
    User.objects.select_for_update().filter(pk=user.pk).first()
    usable_tokens = ApiToken.objects.usable().filter(user=user)
    if usable_tokens.filter(name__iexact=name).exists():
        raise DomainError(
            _("You already have a token named “%(name)s”. Choose another name.") % {"name": name},
            field="name",
        )
    if usable_tokens.count() >= ACTIVE_TOKENS_MAX:
        raise DomainError(
            _("You have %(count)d tokens already. Revoke one you no longer use first.")
            % {"count": ACTIVE_TOKENS_MAX}
        )
    raw_token = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        key_hash=hash_token(raw_token),
        prefix=raw_token[:8],
        expires_at=timezone.now() + api_token_lifetime(),
    )
    return token, raw_token


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token at once: the next request made with it gets a 401.

    Its owner revokes it on their profile; staff holding the right revoke anyone's in the admin.
    A conditional UPDATE makes a second revoke, e.g. from a double click, a clear error rather
    than a new revocation time.
    """
    if token.user_id == actor.pk:
        reason = RevokedReason.OWNER
    elif actor.is_staff and actor.is_active and actor.has_perm("accounts.change_apitoken"):
        reason = RevokedReason.STAFF
    else:
        raise DomainError(_("You can only revoke your own tokens."))
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor, revoked_reason=reason
    )
    if not revoked:
        raise DomainError(_("This token was already revoked."))
    token.refresh_from_db()
    return token


def api_tokens_revoke_all(*, user: User, reason: str, actor: User | None = None) -> int:
    """Revoke every token of `user` that still works; returns how many.

    Called inside the transaction that changes the password or deactivates the person, so a
    token never outlives the change that should have ended it.
    """
    assert transaction.get_connection().in_atomic_block, "revoke inside the change's transaction"  # noqa: S101 a programming error the suite catches
    return ApiToken.objects.usable().filter(user=user).update(
        revoked_at=timezone.now(), revoked_by=actor, revoked_reason=reason
    )
