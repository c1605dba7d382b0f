"""Middleware for every request: no caching of what a signed-in person sees, and the idle
session timeout."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# The session key holding when the signed-in person was last seen (seconds since the epoch).
LAST_ACTIVITY_KEY = "last_activity"
# Last activity is recorded at most this often (seconds), so most requests do not write the session.
LAST_ACTIVITY_RESOLUTION = 60


def session_clocks_start(sender=None, *, request, **kwargs) -> None:
    """On signing in: the session ends SESSION_COOKIE_AGE from now whatever happens (a fixed date,
    so that recording activity never extends it), and the idle clock starts."""
    request.session.set_expiry(timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))
    request.session[LAST_ACTIVITY_KEY] = int(time.time())


class NoStoreForSignedInMiddleware:
    """A page a signed-in person saw is never kept by the browser or a proxy: on a shared computer
    the back button or the disk cache would show it to the next person. Static files are served
    by whitenoise, earlier in the chain, so they never reach this and keep their long caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class IdleSessionTimeoutMiddleware:
    """Signs out a person who did nothing for SESSION_IDLE_TIMEOUT seconds, and tells them why.

    The session ends either way after SESSION_COOKIE_AGE (the absolute limit, pinned when the
    person signs in so that recording activity does not extend it). Activity
    is recorded in the session at most once a minute, so a busy person's requests do not each
    write the session row.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        now = int(time.time())
        last_activity = request.session.get(LAST_ACTIVITY_KEY)
        if last_activity is None:  # a session signed in before this middleware existed
            session_clocks_start(request=request)
        elif now - last_activity > settings.SESSION_IDLE_TIMEOUT:
            logout(request)
            messages.info(
                request, _("You were signed out because you were inactive for a while. Please sign in again.")
            )
        elif now - last_activity >= LAST_ACTIVITY_RESOLUTION:
            request.session[LAST_ACTIVITY_KEY] = now
