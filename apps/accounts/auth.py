"""Sign-in protection: django-axes locks an account after repeated failures, and a rate limit per
client address stops a few guesses at many accounts (password spraying).

Both forget after the cool-off (AXES_COOLOFF_MINUTES), and attempts made while refused do not
start the wait again, so nobody can keep a member out for longer than that.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from apps.core.rate_limits import Limit, count_use, limit_reached, per_client

from .models import canonical_email


def axes_username(request, credentials):
    """Lock on the account's own address: the form in which it is stored and looked up.

    Axes names the e-mail "email" (the user model's USERNAME_FIELD) when it checks a lock and
    "username" when it records a failure; a form without a "username" field (the "confirm it's
    you" page) must land on the same key either way.
    """
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("email") or request.POST.get("username", "")
    return canonical_email(username)


def sign_in_failures_limit(request) -> Limit:
    rate = f"{settings.SIGN_IN_FAILURES_PER_CLIENT}/{settings.AXES_COOLOFF_MINUTES}m"
    return per_client(request, "sign-in-failures", rate)


class ClientAddressLimitBackend:
    """Refuses to try any password from a client address with too many recent failed sign-ins.

    Listed after axes' backend and before the one that checks passwords. The refusal is marked as
    axes' own, so axes neither counts it against the account nor restarts a cool-off, and its
    middleware shows `lockout_response`. It has no `get_user` on purpose: it never signs anyone in,
    and Django's `force_login` picks the first backend that has one.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        reached = limit_reached(request, sign_in_failures_limit(request))
        if reached is None:
            return None
        request.sign_in_limit_reached = reached
        request.axes_locked_out = True
        raise PermissionDenied  # shown as `lockout_response`, never as this exception


def count_sign_in_failure(sender, credentials, request=None, **kwargs):
    """`user_login_failed` receiver: one more failure for the client address."""
    if request is None or getattr(request, "sign_in_limit_reached", None) is not None:
        return
    count_use(request, sign_in_failures_limit(request))


def lockout_response(request, original_response=None, credentials=None):
    """The page for a refused sign-in (429): the client address's limit, or the account's lock."""
    reached = getattr(request, "sign_in_limit_reached", None)
    if reached is not None:
        context = {"retry_after_minutes": reached.retry_after_minutes}
        response = render(request, "accounts/sign_in_limited.html", context, status=429)
        response["Retry-After"] = str(max(1, reached.retry_after_seconds))
        return response
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_timedelta": settings.AXES_COOLOFF_TIME,
    }
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=429)
