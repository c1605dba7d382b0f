"""Writes about API tokens: a person creates named tokens for their scripts and revokes them.

Only a token's SHA-256 is stored: the token itself exists once, in the value api_token_create
returns, and the profile page shows it that one time.
"""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from .models import ApiToken, User, hash_token

TOKEN_NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length
# Enough for every script a person runs; a cap keeps forgotten tokens from piling up.
ACTIVE_TOKENS_MAX = 20


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a named token for `user` and return it with the raw token, which is not kept.

    Names are unique among the person's active tokens, so the list says which script is which.
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
    active_tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if active_tokens.filter(name__iexact=name).exists():
        raise DomainError(
            _("You already have a token named “%(name)s”. Choose another name.") % {"name": name},
            field="name",
        )
    if active_tokens.count() >= ACTIVE_TOKENS_MAX:
        raise DomainError(
            _("You have %(count)d tokens already. Revoke one you no longer use first.")
            % {"count": ACTIVE_TOKENS_MAX}
        )
    raw_token = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=hash_token(raw_token), prefix=raw_token[:8]
    )
    return token, raw_token


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token at once: the next request made with it gets a 401.

    Only its owner revokes it here (staff use the admin). A conditional UPDATE makes a second
    revoke, e.g. from a double click, a clear error rather than a new revocation time.
    """
    if token.user_id != actor.pk:
        raise DomainError(_("You can only revoke your own tokens."))
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if not revoked:
        raise DomainError(_("This token was already revoked."))
    token.refresh_from_db()
    return token
