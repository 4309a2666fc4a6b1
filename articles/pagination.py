"""Page numbers from the query string: one reading of `?page=` for every list, the search
and the canonical link (and of `?p=` for the paged sitemaps).

A page number is written in ASCII digits, starts with 1-9 and has at most
MAX_PAGE_DIGITS digits. Nothing else is one: not "²" or "٣" (Unicode digits, which
`str.isdigit()` and `int()` accept), not "0", "-1", "+2", " 2", "2_0" or "1e3" (which `int()`
reads or refuses in its own ways), and not a number of thousands of digits (which `int()`
refuses with a ValueError). An absent or empty value asks for the first page.
"""

import re

from django.core.paginator import InvalidPage
from django.http import Http404

# More pages than any list has: a longer number asks for a page past the end anyway.
MAX_PAGE_DIGITS = 9
PAGE_NUMBER = re.compile(rf"[1-9][0-9]{{0,{MAX_PAGE_DIGITS - 1}}}")


def requested_page(request, name="page"):
    """The page `request` asks for: 1 when it names none, None when its value is not a page number."""
    value = request.GET.get(name, "")
    if value == "":
        return 1
    return int(value) if PAGE_NUMBER.fullmatch(value) else None


def page_or_404(paginator, request):
    """The requested page of `paginator`; a value that is not a page number, or a page past
    the last, is a 404 (an empty list still has its first page)."""
    number = requested_page(request)
    if number is None:
        raise Http404("No such page.")
    try:
        return paginator.page(number)
    except InvalidPage:
        raise Http404("No such page.") from None


class NumberedPagesMixin:
    """A ListView whose `?page=` is read by page_or_404 (Django's own reading accepts
    "٣", " 2", "2_0" and "last", and lets the canonical link disagree with the page shown)."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        page = page_or_404(paginator, self.request)
        return paginator, page, page.object_list, page.has_other_pages()
