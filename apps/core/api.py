"""What every API error looks like: {"detail": "...", "code": "...", "fields": {field: [messages]}}.

Domain rules (DomainError, Conflict) map to 400 and 409 here, so no view needs its own try/except.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
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
