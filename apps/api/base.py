"""What every endpoint of /api/v1/ shares: who may call it, how it signs in, how lists page, and
how its errors are documented.

The error shape itself is made by apps.core.api.exception_handler; ErrorSerializer only describes
it for the schema.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import OpenApiResponse
from rest_framework import authentication, pagination, permissions, serializers

from apps.accounts.api_auth import ApiTokenAuthentication
from apps.organizations.permissions import is_portal_member

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


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (at most 200): scripts may fetch a large list in few calls."""

    page_size_query_param = "page_size"
    page_size_query_description = _("How many results per page (at most 200).")
    page_query_description = _("The page number, from 1.")
    max_page_size = 200


class ErrorSerializer(serializers.Serializer):
    """The shape of every API error (see apps.core.api)."""

    detail = serializers.CharField(help_text=_("What went wrong, in the request's language."))
    code = serializers.CharField(
        help_text=_("A stable code for scripts: invalid, conflict, not_authenticated, permission_denied, …")
    )
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Messages per field of the request, for bad input; empty otherwise."),
    )


ERROR_DESCRIPTIONS = {
    400: _("Bad input: `fields` holds a message for each field to correct. Nothing was written."),
    401: _("Not signed in: send `Authorization: Bearer <token>` or sign in to the portal."),
    403: _("Signed in, but not allowed: not a member of an active organization, or not allowed to do this."),
    404: _("Not found: no such object, or an unknown page number."),
    409: _("Conflict: someone changed the object since you read its version. Nothing was written."),
}


def error_responses(*status_codes: int) -> dict[int, OpenApiResponse]:
    """The documented error responses of an endpoint, for `extend_schema(responses=...)`."""
    return {
        status_code: OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[status_code])
        for status_code in status_codes
    }


# Every endpoint may answer 400: a request carrying text PostgreSQL cannot store (a NUL character)
# in any parameter is refused before it reaches the view (apps.core.input_screening).
READ_ERRORS = (400, 401, 403)
DETAIL_READ_ERRORS = (400, 401, 403, 404)
LIST_ERRORS = (400, 401, 403, 404)


class ApiTokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """Documents the Bearer tokens people create on their profile page."""

    target_class = "apps.accounts.api_auth.ApiTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        definition = build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Bearer")
        definition["description"] = str(
            _("A token from your profile page (API tokens), sent as `Authorization: Bearer <token>`.")
        )
        return definition
