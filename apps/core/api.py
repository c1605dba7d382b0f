"""What every endpoint of /api/v1/ shares: how lists page, and what every API error looks like:
{"detail": "...", "code": "...", "fields": {field: [messages]}}.

Domain rules (DomainError, Conflict) map to 400 and 409 here, so no view needs its own try/except.
Who may call the API and how it signs in: apps.accounts.api_auth.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, pagination, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        fields = {exc.field: [exc.message]} if exc.field else {}
        code = "conflict" if exc.status_code == status.HTTP_409_CONFLICT else "invalid"
        return Response({"detail": exc.message, "code": code, "fields": fields}, status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    response.data = _shape(exc, response.data)
    return response


def _shape(exc, data) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        fields = data if isinstance(data, dict) else {"non_field_errors": data}
        first = next(iter(fields.values()), [""])
        return {
            "detail": str(first[0] if isinstance(first, list) else first),
            "code": "invalid",
            "fields": fields,
        }
    detail = data.get("detail", "") if isinstance(data, dict) else str(data)
    code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
    return {"detail": str(detail), "code": code, "fields": {}}


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (at most 200): scripts may fetch a large list in few calls."""

    page_size_query_param = "page_size"
    page_size_query_description = _("How many results per page (at most 200).")
    page_query_description = _("The page number, from 1.")
    max_page_size = 200


class ErrorSerializer(serializers.Serializer):
    """The shape of every API error (made by `exception_handler`), for the schema."""

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
