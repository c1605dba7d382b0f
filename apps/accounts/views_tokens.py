"""The profile's API token page: a person creates named tokens for scripts, sees them (with when
each expires), revokes them.

Listing and revoking are open to every signed-in person, so someone whose organization was
suspended can still switch off their scripts; creating a token is for portal members, the only
people the API answers, who confirmed who they are in the last few minutes.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.errors import DomainError

from .forms_tokens import ApiTokenCreateForm
from .membership import is_portal_member
from .models import ApiToken
from .recent_authentication import (
    confirm_identity_url,
    is_recently_authenticated,
    recent_authentication_required,
)
from .selectors import api_tokens_of
from .services_tokens import api_token_create, api_token_revoke


def get_api_token_for_user(user, token_id: int) -> ApiToken:
    """The person's own unrevoked token: 404 for anyone else's, so ids reveal nothing."""
    token = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).first()
    if token is None:
        raise Http404
    return token


def _render_page(request, *, form, new_token: str = "", error: str = "", status: int = 200):
    context = {
        "form": form,
        "tokens": api_tokens_of(request.user),
        "can_create": is_portal_member(request.user),
        "is_recently_authenticated": is_recently_authenticated(request),
        "confirm_url": confirm_identity_url(request.path),
        "lifetime_days": settings.API_TOKEN_LIFETIME_DAYS,
        "new_token": new_token,
        "error": error,
    }
    response = render(request, "accounts/api_tokens.html", context, status=status)
    if new_token:
        # The raw token is in this page only: no cache may keep it.
        add_never_cache_headers(response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """List the person's tokens; a POST creates one and shows it in the answer itself."""
    if request.method == "GET":
        return _render_page(request, form=ApiTokenCreateForm())
    if not is_portal_member(request.user):
        raise PermissionDenied
    return _api_token_create(request)


@recent_authentication_required
def _api_token_create(request):
    """The answer to the POST shows the token instead of redirecting: the raw token is never
    stored (not even in the session), so this response is the only place it can appear."""
    form = ApiTokenCreateForm(request.POST)
    if not form.is_valid():
        return _render_page(request, form=form, status=400)
    try:
        token, raw_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _render_page(request, form=form, status=400)
    created = _("Token “%(name)s” created. Copy it now: it will not be shown again. It expires on %(date)s.")
    expires_on = date_format(localtime(token.expires_at), "DATE_FORMAT")
    messages.success(request, created % {"name": token.name, "date": expires_on})
    return _render_page(request, form=ApiTokenCreateForm(), new_token=raw_token, status=201)


@login_required
@require_POST
def api_token_revoke_view(request, token_id: int):
    token = get_api_token_for_user(request.user, token_id)
    try:
        api_token_revoke(token=token, actor=request.user)
    except DomainError as error:
        return _render_page(request, form=ApiTokenCreateForm(), error=error.message, status=400)
    revoked = _("Token “%(name)s” revoked. Scripts using it stop working now.")
    messages.success(request, revoked % {"name": token.name})
    return redirect("accounts:api_tokens")
