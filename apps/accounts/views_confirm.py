"""The “confirm it's you” page: the password typed again before a sensitive step (see
recent_authentication.py), then back to where the person was going."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from .forms import ConfirmIdentityForm
from .recent_authentication import recent_authentication_record


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    is_safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if is_safe else reverse("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def confirm_identity(request):
    next_url = _safe_next(request)
    form = ConfirmIdentityForm(request, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        recent_authentication_record(request)
        return redirect(next_url)
    context = {
        "form": form,
        "next_url": next_url,
        "minutes": settings.RECENT_AUTHENTICATION_MINUTES,
    }
    return render(request, "accounts/confirm_identity.html", context, status=400 if form.errors else 200)
