"""Is this person a portal member? The rule every page, the API and the templates read.

It lives with people (accounts), below the organizations app, so that any app may ask it. It
reads the person's memberships through their reverse relation rather than importing the
organizations app.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect

# Organization.Status.ACTIVE (apps.organizations sits above accounts; a test keeps them equal).
ACTIVE_ORGANIZATION = "active"


def is_portal_member(user) -> bool:
    """Staff, or an active person with a membership in an active organization.

    People whose organizations are all suspended or lapsed can sign in but are not members:
    they see only the membership status page. Cached on the user for the request.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    if not hasattr(user, "_is_portal_member"):
        user._is_portal_member = user.memberships.filter(
            organization__membership_status=ACTIVE_ORGANIZATION
        ).exists()
    return user._is_portal_member


def member_required(view):
    """Signed-in people of an active member organization (or staff) only.

    Anonymous people go to sign-in; people whose organization is suspended or lapsed go to the
    page that explains their membership status.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_portal_member(request.user):
            return redirect("organizations:membership_status")
        return view(request, *args, **kwargs)

    return wrapper


def membership_context(request):
    """`is_portal_member` in every template (navigation shows member pages only to members)."""
    user = getattr(request, "user", None)
    return {"is_portal_member": bool(user) and is_portal_member(user)}
