"""Search over public stories.

PostgreSQL: full-text search on the stored, weighted document `search_document` (headline A,
standfirst B, body C; kept by a trigger, GIN index `article_search_gin`, both from migration
0003), `websearch_to_tsquery` (any input is a valid query), ranking blended with recency, and
highlighted snippets.
SQLite: every word of the query must appear (case-insensitively, ASCII only) in the headline,
standfirst or body; newest first; the standfirst stands in for a snippet.
"""

import html
import re
import unicodedata

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Expression, F, Func, Q, TextField, Value
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Article, Section
from .related import age_decay

SEARCH_CONFIG = "english"
# Snippet highlight markers: private-use characters, removed from every query (QueryField)
# and turned into <mark> only after the snippet text has been escaped.
MARK_START, MARK_STOP = "\ue000", "\ue001"
MAX_WORDS_ON_SQLITE = 10


class SearchDocument(Expression):
    """The stored search document of the query's stories (PostgreSQL only; see migration 0003).

    Not a model field: Django must never write it (the trigger does), so it is named here.
    """

    def __init__(self):
        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name('search_document')}", []


class QueryField(forms.CharField):
    """Free text that can never fail: control, private-use and unassigned characters (NUL
    included) are dropped and the text is cut to NEWSROOM_SEARCH_MAX_QUERY_LENGTH."""

    def to_python(self, value):
        value = super().to_python(value)
        value = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in value)
        return " ".join(value.split())[: settings.NEWSROOM_SEARCH_MAX_QUERY_LENGTH].strip()


class SearchForm(forms.Form):
    q = QueryField(label="Search stories", required=False)
    section = forms.ModelChoiceField(
        queryset=Section.objects.only("name", "slug"),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
        label="Section",
    )

    def full_clean(self):
        super().full_clean()
        if "section" in self.errors:  # the template shows the message with this id
            self.fields["section"].widget.attrs["aria-describedby"] = "section-error"


def snippet_html(raw):
    """A ts_headline() fragment as safe HTML: everything escaped, the markers made <mark>."""
    text = escape(html.unescape(raw or ""))
    text = re.sub(f"{MARK_START}(.*?){MARK_STOP}", r"<mark>\1</mark>", text, flags=re.S)
    return mark_safe(text.replace(MARK_START, "").replace(MARK_STOP, ""))


def search_stories(query, section=None):
    """Public stories matching `query`, best first. On PostgreSQL each has `raw_snippet`
    (pass it through snippet_html()).

    Only the NEWSROOM_SEARCH_MAX_RESULTS newest matches are ranked and returned, so a word
    found in most stories costs what a rarer one does (see README, "Discovery").
    """
    stories = Article.objects.published()
    if section is not None:
        stories = stories.filter(section=section)
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        matches = stories.alias(document=SearchDocument()).filter(document=tsquery)
    else:
        matches = _simple_matches(stories, query)
    newest = matches.order_by("-publish_at", "-pk").values("pk")[: settings.NEWSROOM_SEARCH_MAX_RESULTS]
    results = Article.objects.filter(pk__in=newest)
    if connection.vendor == "postgresql":
        return _ranked(results, tsquery)
    return results.order_by("-publish_at", "-pk")


def _ranked(results, tsquery):
    document = SearchDocument()
    plain_text = Func(  # the body without its tags, so snippets never cut an element in half
        F("body"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace", output_field=TextField()
    )
    recency = age_decay("publish_at", timezone.now(), settings.NEWSROOM_SEARCH_RECENCY_HALF_LIFE_DAYS)
    return (
        results.annotate(
            rank=SearchRank(document, tsquery),
            score=SearchRank(document, tsquery) * (Value(1.0) + recency),
            raw_snippet=SearchHeadline(
                Func(F("standfirst"), Value(" … "), plain_text, function="concat", output_field=TextField()),
                tsquery,
                config=SEARCH_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=25,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-score", "-publish_at", "-pk")
    )


def _simple_matches(stories, query):
    for word in query.split()[:MAX_WORDS_ON_SQLITE]:
        stories = stories.filter(
            Q(headline__icontains=word) | Q(standfirst__icontains=word) | Q(body__icontains=word)
        )
    return stories
