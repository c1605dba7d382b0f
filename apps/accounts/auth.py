def axes_username(request, credentials):
    """Lock out by the e-mail as people type it in any case, so "A@x.ca" and "a@x.ca" count as one."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
