"""Rate limits (django-ratelimit), counted in the shared cache.

The limits for each kind of request are a setting, NEWSROOM_RATE_LIMITS, e.g.
{"comments": ["10/m", "60/h"]}; a view takes them per client with one line:

    @limit_per_ip("comments")
    def post_comment(request): ...

"Per IP" means per newsroom.clientip.client_address_group: an IPv6 client's whole /64
counts as one. Limits on something other than a client (the emails sent to one address,
or by the whole site: comments/mail.py) count with exceeded_limit_for(group, value).

Counts live in Django's default cache (Redis in production), so they hold across
workers and machines. When Redis is down the counters fail open
(newsroom.cache.ResilientRedisCache): readers are not refused because of an outage.
"""

import functools
import math

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

from newsroom.clientip import client_address_group

PERIOD_WORDS = {"s": "a second", "m": "a minute", "h": "an hour", "d": "a day"}


def ip_key(group, request):
    """django-ratelimit's callable key: the one client-address rule (newsroom.clientip)."""
    return client_address_group(request) or "unknown"


def rates(group):
    """The rates for one group of requests, e.g. ["10/m", "60/h"] (none: unlimited)."""
    return list(settings.NEWSROOM_RATE_LIMITS.get(group, ()))


def exceeded_limit(request, group):
    """Count this request against each rate of `group` for its client; return (rate,
    seconds left) for the first rate it goes over, or None."""
    return exceeded_limit_for(group, ip_key(group, request))


def exceeded_limit_for(group, value, *, count=True):
    """Count one event of `group` for `value` (any string: an address group, a digest of
    an email address, "site") against each of the group's rates; return (rate, seconds
    left) for the first rate it goes over, or None. With count=False nothing is counted:
    the answer says whether one more event would go over."""
    for rate in rates(group):
        # The request is only needed by django-ratelimit for its own kinds of keys and
        # for method filters; a callable key and the default method (ALL) need none.
        usage = get_usage(None, group=f"newsroom.{group}", key=lambda _group, _request: value, rate=rate,
                          increment=count)
        if usage and (usage["should_limit"] if count else usage["count"] >= usage["limit"]):
            return rate, max(1, usage["time_left"])
    return None


def too_many_requests(request, group, rate, seconds_left):
    """HTTP 429 with a page that says, in the reader's words, what happened and how long to wait."""
    count, period = rate.split("/")
    unit = PERIOD_WORDS.get(period[-1], "a minute")
    minutes = math.ceil(seconds_left / 60)
    wait = f"{seconds_left} seconds" if seconds_left < 60 else f"{minutes} minute{'s' if minutes != 1 else ''}"
    context = {"group": group, "limit": count, "unit": unit, "wait": wait}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(seconds_left)
    return response


def limit_per_ip(group):
    """Decorate a view: over any of the group's rates from one IP address, answer 429."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            exceeded = exceeded_limit(request, group)
            if exceeded:
                return too_many_requests(request, group, *exceeded)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
