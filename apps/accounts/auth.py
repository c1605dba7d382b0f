def axes_username(request, credentials):
    """Lock out by the e-mail as people type it in any case, so "A@x.ca" and "a@x.ca" count as one.

    Axes names the e-mail "email" (the user model's USERNAME_FIELD) when it checks a lock and
    "username" when it records a failure; a form without a "username" field (the "confirm it's
    you" page) must land on the same key either way.
    """
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("email") or request.POST.get("username", "")
    return username.strip().lower()
