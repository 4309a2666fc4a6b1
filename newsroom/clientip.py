"""The reader's IP address, the one rule every per-IP limit uses."""

import ipaddress

from django.conf import settings

# An IPv6 client is given a whole /64 (one home or phone network, SLAAC and privacy
# addresses pick any address in it), so limits count the /64, not the address.
IPV6_CLIENT_PREFIX = 64


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


def address_group(ip):
    """What limits count an address under: an IPv4 address itself; an IPv6 address as
    its /64, written as that network's first address ("2001:db8:1:2::", still a valid
    address for the fields that store it); an IPv4 address seen through an IPv6 socket
    (::ffff:a.b.c.d) as that IPv4 address. Anything that is not an address stays as it is."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False).network_address)
    return str(address)


def client_address_group(request):
    """address_group of client_ip: the key of every per-client limit (rate limits, the
    comment interval, the sign-in lockout). Comments still store the exact client_ip."""
    return address_group(client_ip(request))
