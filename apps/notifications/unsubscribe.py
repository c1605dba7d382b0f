"""Signed one-click unsubscribe links (RFC 8058). They work without signing in, so the link itself
is the credential: it names one person and one kind of mail, and it expires."""

from datetime import timedelta

from django.core import signing
from django.urls import reverse

from apps.core.mail import absolute_url

SALT = "notifications.unsubscribe"
VALID_FOR = timedelta(days=90)


class Scope:
    DIGEST = "digest"
    IMMEDIATE = "immediate"
    ALL = (DIGEST, IMMEDIATE)


def unsubscribe_token(*, user_id: int, scope: str) -> str:
    return signing.dumps({"u": user_id, "s": scope}, salt=SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    """(user id, scope) of a genuine link that has not expired, else None."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=VALID_FOR)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not isinstance(payload, dict) or payload.get("s") not in Scope.ALL:
        return None
    user_id = payload.get("u")
    return (user_id, payload["s"]) if isinstance(user_id, int) else None


def unsubscribe_links(*, user_id: int, scope: str) -> dict:
    """The footer's links and the List-Unsubscribe headers of one e-mail, in the current language."""
    token = unsubscribe_token(user_id=user_id, scope=scope)
    url = absolute_url(reverse("notifications:unsubscribe", kwargs={"token": token}))
    return {
        "context": {
            "unsubscribe_url": url,
            "unsubscribe_scope": scope,
            "preferences_url": absolute_url(reverse("notifications:preferences")),
        },
        "headers": {
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    }
