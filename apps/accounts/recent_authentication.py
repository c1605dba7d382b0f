"""“Confirm it's you”: sensitive steps (creating an API token) need the person to have proved who
they are in the last few minutes (RECENT_AUTHENTICATION_MINUTES), not just to hold a session.

The session records when that last happened: at sign-in, and on the confirmation page
(views_confirm.py), which asks for the password. A second factor, once the portal has one, is
another way to confirm on that same page; it calls `recent_authentication_record` too, and nothing
here or in the views this guards changes.
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

SESSION_KEY = "recently_authenticated_at"


def recent_authentication_record(request) -> None:
    """The person just proved who they are (password typed, or later a second factor)."""
    request.session[SESSION_KEY] = time.time()


def is_recently_authenticated(request) -> bool:
    confirmed_at = request.session.get(SESSION_KEY)
    if not isinstance(confirmed_at, int | float):
        return False
    return time.time() - confirmed_at < settings.RECENT_AUTHENTICATION_MINUTES * 60


def confirm_identity_url(next_url: str) -> str:
    return f"{reverse('accounts:confirm_identity')}?{urlencode({'next': next_url})}"


def recent_authentication_required(view):
    """Let the view run only for a person who confirmed who they are in the last minutes;
    others go to the confirmation page, which brings them back here afterwards.

    A POST that arrives too late is not replayed: the person comes back to the page the form
    was on (`next` is the page, not the form's data) and submits it again.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_recently_authenticated(request):
            return redirect(confirm_identity_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper
