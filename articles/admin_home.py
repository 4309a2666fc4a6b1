"""The admin's home panels and the editorial calendar, as parts of ArticleAdmin.

- `home_panels(request)`: the panels of the user's roles (articles/home.py), which
  NewsroomAdminSite.index shows above the app list.
- `app_list_entries(request)`: "Awaiting your review · N" (editors) and "Calendar", first in
  the Articles list of the home page and the nav sidebar.
- The calendar, GET `calendar/` (admin:articles_article_calendar): the Published stories by
  the day they go live (Article.go_live_at, in the newsroom's time zone), scheduled ones and
  those already out, embargoes marked; `?week=2026-W49` (the default: this week) or
  `?month=2026-12`. A period that is not one is a 400 saying what to write. It lists what
  the story list shows the user (get_queryset: every story for editors, their own for writers).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from . import home

WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
# Years whose weeks and months, and those either side, are dates (datetime's 1..9999).
YEARS = range(2, 9999)


class PeriodError(ValueError):
    """A `week` or `month` parameter that names no period: its message says what to write."""


@dataclass(frozen=True)
class Period:
    """The calendar's week or month: its days from `first` to `last` (both included, whole
    weeks from Monday), the days that belong to it (`inside`), and its neighbours' parameters."""

    kind: str  # "week" or "month"
    first: date
    last: date
    inside_first: date
    inside_last: date
    label: str
    previous: str
    next: str
    current: str

    @property
    def start(self):
        return timezone.make_aware(datetime.combine(self.first, time.min))

    @property
    def end(self):
        return timezone.make_aware(datetime.combine(self.last + timedelta(days=1), time.min))

    def days(self):
        day = self.first
        while day <= self.last:
            yield day
            day += timedelta(days=1)


def _week_param(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_period(monday):
    sunday = monday + timedelta(days=6)
    _, number, _ = monday.isocalendar()
    return Period(
        "week", monday, sunday, monday, sunday,
        f"week {number}, {date_format(monday, 'j F')} – {date_format(sunday, 'j F Y')}",
        _week_param(monday - timedelta(days=7)), _week_param(monday + timedelta(days=7)), _week_param(monday),
    )


def month_period(first):
    following = (first + timedelta(days=32)).replace(day=1)
    last = following - timedelta(days=1)
    previous = (first - timedelta(days=1)).replace(day=1)
    return Period(
        "month", first - timedelta(days=first.weekday()), last + timedelta(days=6 - last.weekday()), first, last,
        date_format(first, "F Y"),
        f"{previous:%Y-%m}", f"{following:%Y-%m}", f"{first:%Y-%m}",
    )


def read_period(params, today):
    """The period `?week=` or `?month=` names (this week without either), or PeriodError."""
    if params.get("month") is not None and params.get("week") is None:
        value = params["month"]
        match = MONTH.fullmatch(value)
        if not match or int(match[1]) not in YEARS or not 1 <= int(match[2]) <= 12:
            raise PeriodError(f"“{value[:40]}” is not a month: write it as year-month, for example "
                              f"{today:%Y-%m}.")
        return month_period(date(int(match[1]), int(match[2]), 1))
    if params.get("week") is None:
        return week_period(today - timedelta(days=today.weekday()))
    value = params["week"]
    match = WEEK.fullmatch(value)
    try:
        if not match or int(match[1]) not in YEARS:
            raise ValueError
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise PeriodError(f"“{value[:40]}” is not a week: write it as year-Wweek, for example "
                          f"{_week_param(today)}.") from None
    return week_period(monday)


class HomeMixin:
    """ArticleAdmin's home panels, its entries in the app list and the calendar."""

    def home_panels(self, request):
        return home.panels_for(request)

    def app_list_entries(self, request):
        if not self.has_view_permission(request):
            return []
        entries = []
        count = home.review_count(request)
        if count is not None:
            entries.append(self._entry(
                f"Awaiting your review · {count}", "AwaitingReview",
                reverse("admin:articles_article_changelist") + "?" + home.REVIEW.list_filter,
            ))
        entries.append(self._entry("Calendar", "Calendar", reverse("admin:articles_article_calendar")))
        return entries

    @staticmethod
    def _entry(name, object_name, url):
        return {"name": name, "object_name": object_name, "perms": {"view": True}, "admin_url": url,
                "add_url": None, "view_only": True}

    def get_urls(self):
        return [
            path("calendar/", self.admin_site.admin_view(self.calendar_view), name="articles_article_calendar"),
            *super().get_urls(),
        ]

    def calendar_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        today = timezone.localdate(now)
        context = {**self.admin_site.each_context(request), "opts": self.opts, "time_zone": settings.TIME_ZONE}
        try:
            period = read_period(request.GET, today)
        except PeriodError as error:
            return TemplateResponse(request, "admin/articles/article/calendar.html", {
                **context, "title": "Editorial calendar", "error": str(error),
                "this_week": _week_param(today),
            }, status=400)
        stories = (
            self.get_queryset(request).prefetch_related(None).select_related("section")
            .going_live_between(period.start, period.end).order_by("goes_live", "pk")
        )
        by_day = {}
        for story in stories:
            story.local_goes_live = timezone.localtime(story.goes_live)
            story.is_out = story.goes_live <= now
            by_day.setdefault(story.local_goes_live.date(), []).append(story)
        days = [
            {"date": day, "stories": by_day.get(day, []), "today": day == today,
             "outside": not period.inside_first <= day <= period.inside_last}
            for day in period.days()
        ]
        return TemplateResponse(request, "admin/articles/article/calendar.html", {
            **context, "title": f"Editorial calendar, {period.label}", "period": period, "days": days,
            "count": sum(len(day["stories"]) for day in days if not day["outside"]),
            "this_week": _week_param(today), "this_month": f"{today:%Y-%m}",
            "other_view": _week_param(period.inside_first) if period.kind == "month" else f"{period.first:%Y-%m}",
        })
