"""Token sign-in for scripts: `Authorization: Bearer <token>`. Tokens are made and revoked on
the profile page; a revoked or expired token, or one of a deactivated person, stops working at once."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode().lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer ”, with no spaces in it."))
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(header[1].decode()), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is unknown or revoked."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                _("This token expired on %(date)s. Create a new one on your profile page.")
                % {"date": date_format(timezone.localtime(token.expires_at), "DATE_FORMAT")}
            )
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
