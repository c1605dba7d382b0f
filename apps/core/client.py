"""The one answer to "which address is this request from?", shared by the sign-in lockout, the rate
limits and the API throttles.

Anyone can send an `X-Forwarded-For` header, so it is read only as far as `TRUSTED_PROXY_COUNT`
says: each proxy of ours appends the address it received the request from, so with N proxies in
front of the portal the client is the N-th address from the right. Whatever a client wrote to the
left of that is ignored. With no trusted proxy (the default) the header is ignored altogether.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote_address = request.META.get("REMOTE_ADDR") or ""
    trusted_proxy_count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted_proxy_count <= 0:
        return remote_address
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote_address
    # Fewer entries than proxies: the request skipped an outer proxy; the left-most is the earliest.
    candidate = forwarded[-min(trusted_proxy_count, len(forwarded))]
    return candidate if _is_ip_address(candidate) else remote_address


def _is_ip_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
