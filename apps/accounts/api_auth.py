"""Token sign-in for scripts: `Authorization: Bearer <token>`. Tokens are made and revoked on
the profile page; a revoked or expired token, or one of a deactivated person, stops working at once."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework import authentication, exceptions, permissions

from .membership import is_portal_member
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
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                _("This token expired on %(date)s. Create a new one on your profile page.")
                % {"date": date_format(timezone.localtime(token.expires_at), "DATE_FORMAT")}
            )
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


# Tokens first: DRF answers an anonymous request with the first authenticator's
# `WWW-Authenticate` header, which makes it a 401 (sessions have none, which would make it a 403).
# Session sign-in still enforces CSRF on every unsafe request.
API_AUTHENTICATION_CLASSES = [ApiTokenAuthentication, authentication.SessionAuthentication]


class IsPortalMember(permissions.BasePermission):
    """Members of active organizations and staff. Anonymous callers get 401, others 403."""

    message = _("Only people of active member organizations and the secretariat may use the API.")

    def has_permission(self, request, view):
        return is_portal_member(request.user)


class MemberAPIMixin:
    """Sign-in and the member check for every view of the API."""

    authentication_classes = API_AUTHENTICATION_CLASSES
    permission_classes = [IsPortalMember]


class ApiTokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """Documents the Bearer tokens people create on their profile page."""

    target_class = "apps.accounts.api_auth.ApiTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        definition = build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Bearer")  # noqa: S106 a scheme name
        definition["description"] = str(
            _("A token from your profile page (API tokens), sent as `Authorization: Bearer <token>`.")
        )
        return definition
