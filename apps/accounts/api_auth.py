"""Token sign-in for scripts: `Authorization: Bearer <token>`. Tokens are made and revoked on
the profile page; a revoked token, or one of a deactivated person, stops working at once."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        # Compared as bytes: a header that is not UTF-8 is not ours (and must not be a 500).
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer ”, with no spaces in it."))
        unknown = exceptions.AuthenticationFailed(_("This token is unknown or revoked."))
        try:
            raw_token = header[1].decode()
        except UnicodeDecodeError:
            raise unknown from None
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(raw_token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            raise unknown
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
