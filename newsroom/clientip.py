"""The reader's IP address, the one rule every per-IP limit uses."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or, behind NEWSROOM_TRUSTED_PROXIES proxies that append to
    X-Forwarded-For, the address the nearest untrusted hop reported. Addresses a
    client writes into X-Forwarded-For itself are never trusted."""
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
