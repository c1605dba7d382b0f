from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect


def member_required(view):
    """Signed-in people of an active member organization (or staff) only.

    Anonymous people go to sign-in; people whose organization is suspended or lapsed go to the
    page that explains their membership status.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        from apps.organizations.permissions import is_portal_member

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_portal_member(request.user):
            return redirect("organizations:membership_status")
        return view(request, *args, **kwargs)

    return wrapper
