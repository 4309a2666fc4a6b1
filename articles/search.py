"""Search over public stories, on PostgreSQL and on SQLite alike (README, "Search").

The reader's text is parsed once (articles.search_query: words, prefixes, phrases, exclusions,
OR) and compiled for the engine, so the same query finds the same stories on both:

PostgreSQL: full-text search on the stored, weighted document `search_document` (headline A,
standfirst B, body C; kept by a trigger, GIN index `article_search_gin`, both from migration
0002), queried with to_tsquery().
SQLite: the FTS5 table `article_search` (headline, standfirst, body as plain text; porter
stemming; kept by triggers, migration 0009_sqlite_full_text_search), ranked with bm25() and
the same weights as PostgreSQL's ts_rank (SEARCH_WEIGHTS).
Both: ranking blended with recency, and highlighted snippets (snippet_html).
"""

import html
import json
import re
import unicodedata
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection, transaction
from django.db.models import DateTimeField, Expression, ExpressionWrapper, F, FloatField, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .context_processors import navigation_sections
from .models import Article
from .related import age_decay
from .search_query import parse as parse_query

SEARCH_CONFIG = "english"
# Snippet highlight markers: private-use characters, removed from every query (QueryField)
# and turned into <mark> only after the snippet text has been escaped.
MARK_START, MARK_STOP = "\ue000", "\ue001"
# Field weights of the ranking: PostgreSQL's document labels (migration 0002) and ts_rank's
# weight of each label; SQLite's bm25() gets the same weights for its columns.
SEARCH_WEIGHTS = {"headline": ("A", 1.0), "standfirst": ("B", 0.4), "body": ("C", 0.2)}
# ts_rank's weights array: D (unused), then C, B, A
TS_RANK_WEIGHTS = [0.1, *(weight for _label, weight in sorted(SEARCH_WEIGHTS.values(), reverse=True))]
FTS5_TABLE = "article_search"
# The SQLite function the FTS5 triggers call on the body: registered on every connection.
PLAIN_TEXT_FUNCTION = "newsroom_plain_text"
TAG = re.compile(r"<[^>]+>")


def plain_text(body):
    """A story body as the words a reader sees: tags dropped, entities decoded."""
    return html.unescape(TAG.sub(" ", body or ""))


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created receiver: the body's plain text for the FTS5 triggers on SQLite."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(PLAIN_TEXT_FUNCTION, 1, plain_text, deterministic=True)


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
    # Choices from the navigation's cached sections (no query); cleaned to a Section or None.
    section = forms.ChoiceField(
        required=False,
        label="Section",
        error_messages={"invalid_choice": "Select a valid choice. That choice is not one of the available choices."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {section.slug: section for section in navigation_sections()}
        self.fields["section"].choices = [("", "All sections")] + [(slug, s.name) for slug, s in self.sections.items()]

    def clean_section(self):
        return self.sections.get(self.cleaned_data["section"])

    def full_clean(self):
        super().full_clean()
        if "section" in self.errors:  # the template shows the message with this id
            self.fields["section"].widget.attrs["aria-describedby"] = "section-error"


def snippet_html(raw):
    """A ts_headline() fragment as safe HTML: everything escaped, the markers made <mark>."""
    text = escape(html.unescape(raw or ""))
    text = re.sub(f"{MARK_START}(.*?){MARK_STOP}", r"<mark>\1</mark>", text, flags=re.S)
    return mark_safe(text.replace(MARK_START, "").replace(MARK_STOP, ""))


def search(query, section=None):
    """Public stories matching `query`, best first, and how many there are. Each story has
    `raw_snippet` (pass it through snippet_html()).

    Only the NEWSROOM_SEARCH_MAX_RESULTS newest matches are ranked and returned, so a word
    found in most stories costs what a rarer one does (see README, "Discovery"). They are
    found once (one query for their ids); the queryset ranks that list, and its length is
    the number returned, so showing a page of it never repeats the search. A query with
    nothing to look for (only punctuation or exclusions) runs no query at all.
    """
    parsed = parse_query(query)
    if not parsed:
        return Article.objects.none(), 0
    stories = Article.objects.published()
    if section is not None:
        stories = stories.filter(section=section)
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(parsed.to_tsquery(), search_type="raw", config=SEARCH_CONFIG)
        matches = stories.alias(document=SearchDocument()).filter(document=tsquery)
        newest_first = _newest_first_plan(parsed.to_tsquery())
    else:
        match = parsed.to_fts5()
        matches = stories.filter(pk__in=RawSQL(f"SELECT rowid FROM {FTS5_TABLE} WHERE {FTS5_TABLE} MATCH %s", (match,)))
        newest_first = ["-publish_at", "-pk"]
    newest = matches.order_by(*newest_first).values_list("pk", flat=True)[: settings.NEWSROOM_SEARCH_MAX_RESULTS]
    if newest_first[0] == "-publish_at":
        newest = list(newest)
    else:
        # From the GIN index: for an uncommon word the planner would rather test every
        # document with a sequential scan, which costs several times more (bench/README.md).
        # SET LOCAL lasts until this transaction ends, right after the query.
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            newest = list(newest)
    if connection.vendor == "postgresql":
        # One array parameter: a thousand-item IN list costs PostgreSQL more to plan than to run.
        ranked = _ranked(Article.objects.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (newest,))), tsquery)
        return ranked, len(newest)
    return _ranked_on_sqlite(Article.objects.filter(pk__in=newest), match), len(newest)


# A search expected to match fewer than this share of all stories reads every match from the
# GIN index and keeps the newest; a commoner one walks the stories newest first until it has
# enough matches (see _newest_first_plan).
RARE_MATCH_SHARE = 0.25


def _newest_first_plan(tsquery):
    """The ORDER BY that makes PostgreSQL find the newest matches the cheap way.

    Walking `article_status_publish` newest first and testing each story's document costs
    about NEWSROOM_SEARCH_MAX_RESULTS / share rows, reading all matches from the GIN index
    costs about share × stories: the walk wins for common words, the index for the others.
    The planner knows how many stories match (its estimate comes from the words' statistics)
    but prices each document test far too low, so it walks for a word in 12% of the stories
    (32 ms at 50,000 stories, against 9 ms from the index). Its estimate is read with EXPLAIN
    (planning only, ~0.3 ms), and for an uncommon search the order is put on an expression
    the index cannot provide, which leaves the GIN index as the only way.
    """
    table = connection.ops.quote_name(Article._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} "
            "WHERE search_document @@ to_tsquery(%s::regconfig, %s)"
            f" UNION ALL SELECT 1 FROM {table}",
            [SEARCH_CONFIG, tsquery],
        )
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    matching, stories = (part["Plan Rows"] for part in plan[0]["Plan"]["Plans"])
    if matching < RARE_MATCH_SHARE * stories:
        return [ExpressionWrapper(F("publish_at") + Value(timedelta(0)), output_field=DateTimeField()).desc(), "-pk"]
    return ["-publish_at", "-pk"]


def _ranked(results, tsquery):
    document = SearchDocument()
    plain_text = Func(  # the body without its tags, so snippets never cut an element in half
        F("body"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace", output_field=TextField()
    )
    return (
        results.annotate(
            rank=SearchRank(document, tsquery, weights=TS_RANK_WEIGHTS),
            score=SearchRank(document, tsquery, weights=TS_RANK_WEIGHTS) * _recency(),
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


def _recency():
    return Value(1.0) + age_decay("publish_at", timezone.now(), settings.NEWSROOM_SEARCH_RECENCY_HALF_LIFE_DAYS)


def _ranked_on_sqlite(results, match):
    """bm25() with SEARCH_WEIGHTS (negated: bm25 is lower for better matches) and a snippet:
    the standfirst's best fragment if it matches, else the body's, else the standfirst.

    The FTS5 table is joined (extra(): Django has no join to a table without a model), so
    MATCH runs once for the page; a correlated subquery per story would run it once a row
    (seconds for 500 stories).
    """
    table = connection.ops.quote_name(Article._meta.db_table)
    weights = ", ".join(str(weight) for _label, weight in SEARCH_WEIGHTS.values())
    standfirst, body = (f"snippet({FTS5_TABLE}, {column}, %s, %s, ' … ', 25)" for column in (1, 2))
    snippet = (
        f"CASE WHEN instr({standfirst}, %s) THEN {standfirst} WHEN instr({body}, %s) THEN {body} ELSE {standfirst} END"
    )
    marks = (MARK_START, MARK_STOP)
    return (
        results.extra(
            tables=[FTS5_TABLE],
            where=[f"{FTS5_TABLE} MATCH %s", f"{FTS5_TABLE}.rowid = {table}.id"],
            params=[match],
        )
        .annotate(
            rank=RawSQL(f"-bm25({FTS5_TABLE}, {weights})", (), output_field=FloatField()),
            score=F("rank") * _recency(),
            raw_snippet=RawSQL(snippet, (*marks, MARK_START, *marks, *marks, MARK_START, *marks, *marks),
                               output_field=TextField()),
        )
        .order_by("-score", "-publish_at", "-pk")
    )
