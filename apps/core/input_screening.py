"""Input PostgreSQL cannot store is refused once, here, before any view, form, filter or
serializer sees it: a NUL character (PostgreSQL refuses it in text) and a lone UTF-16 surrogate
(it has no UTF-8 form; JSON's "\\ud800" decodes to one).

Without this screen such a value reached the database wherever a field did not check for it
(a slug, a related object's key, a filter, an address) and the database error became a 500.
The middleware screens the address, the query string, form fields and file names, and JSON
bodies: a bad field answers 400 naming it (the API's error shape under /api/, a page otherwise),
a bad address 404 (nothing can live there). Nothing is written: no view runs.
"""

import json
import re
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PATH_PREFIX = "/api/"

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def is_unstorable(text: str) -> bool:
    return bool(_UNSTORABLE.search(text))


def _printable(name: str) -> str:
    """A field name as it can be shown: its unstorable characters escaped."""
    return _UNSTORABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", name)


def _unstorable_in_json(value, field: str) -> Iterator[str]:
    """The (top-level) field names under which `value` holds unstorable text, keys included."""
    if isinstance(value, str):
        if is_unstorable(value):
            yield field
    elif isinstance(value, dict):
        for key, item in value.items():
            if is_unstorable(key):
                yield field or key
            yield from _unstorable_in_json(item, field or key)
    elif isinstance(value, list):
        for item in value:
            yield from _unstorable_in_json(item, field)


def _unstorable_in_query_dict(query_dict) -> Iterator[str]:
    for key, values in query_dict.lists():
        if is_unstorable(key) or any(is_unstorable(value) for value in values):
            yield key


def _unstorable_in_files(files) -> Iterator[str]:
    for key, uploads in files.lists():
        if is_unstorable(key) or any(is_unstorable(upload.name or "") for upload in uploads):
            yield key


def _json_body(request: HttpRequest):
    """The parsed JSON body, or None when there is none or it is not JSON (the API answers that)."""
    if not request.content_type.startswith("application/json") or not request.body:
        return None
    try:
        return json.loads(request.body)
    except ValueError:
        return None


def unstorable_fields(request: HttpRequest) -> list[str]:
    """Names of the request's fields (query string, form, files, JSON body) that hold text
    PostgreSQL cannot store, each once, in the order met."""
    found = [*_unstorable_in_query_dict(request.GET)]
    if request.method == "POST" and request.content_type in (
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    ):
        found += [*_unstorable_in_query_dict(request.POST), *_unstorable_in_files(request.FILES)]
    else:
        found += _unstorable_in_json(_json_body(request), "")
    return [_printable(name) for name in dict.fromkeys(found)]


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


def _refused(request: HttpRequest, fields: list[str]) -> HttpResponse:
    message = _("This field contains characters the portal cannot store (such as a NUL character).")
    if _is_api(request):
        body = {
            "detail": _("“%(field)s” contains characters the portal cannot store (such as a NUL character).")
            % {"field": fields[0]},
            "code": "invalid",
            "fields": {field: [message] for field in fields},
        }
        return JsonResponse(body, status=400)
    return render(request, "core/unstorable_input.html", {"fields": fields, "message": message}, status=400)


def _not_found(request: HttpRequest) -> HttpResponse:
    message = _("There is nothing at this address.")
    if _is_api(request):
        return JsonResponse({"detail": message, "code": "not_found", "fields": {}}, status=404)
    return render(request, "core/unstorable_input.html", {"message": message}, status=404)


class RefuseUnstorableInputMiddleware:
    """Answers 400 (404 for the address) before any view runs when the request carries text
    PostgreSQL cannot store. After the locale and the sign-in, so the answer is in the page's
    language and layout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_unstorable(request.path_info):
            return _not_found(request)
        fields = unstorable_fields(request)
        if fields:
            return _refused(request, fields)
        return self.get_response(request)
