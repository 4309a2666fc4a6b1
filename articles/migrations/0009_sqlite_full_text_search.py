"""On SQLite, the FTS5 table behind full-text search (README, "Search"): the twin of 0002.

`article_search` holds each story's headline, standfirst and body (as plain text: the
`newsroom_plain_text` function, registered on every connection by articles.apps) under the
story's id, tokenized with Porter stemming. Triggers keep it in step on every insert, update
and delete, bulk ones included (QuerySet.update() and bulk_create() send no signals, so
receivers would miss them; triggers are what PostgreSQL's document uses too). Which stories
are public is decided at query time by published(), as on PostgreSQL.
PostgreSQL does nothing here.
"""

from django.db import migrations

COLUMNS = "headline, standfirst, body"
NEW_ROW = "NEW.id, NEW.headline, NEW.standfirst, newsroom_plain_text(NEW.body)"

SEARCH_SQL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5("
    f"{COLUMNS}, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS article_search_insert AFTER INSERT ON articles_article BEGIN "
    f"INSERT INTO article_search (rowid, {COLUMNS}) VALUES ({NEW_ROW}); END",
    "CREATE TRIGGER IF NOT EXISTS article_search_update AFTER UPDATE OF headline, standfirst, body "
    "ON articles_article BEGIN DELETE FROM article_search WHERE rowid = OLD.id; "
    f"INSERT INTO article_search (rowid, {COLUMNS}) VALUES ({NEW_ROW}); END",
    "CREATE TRIGGER IF NOT EXISTS article_search_delete AFTER DELETE ON articles_article BEGIN "
    "DELETE FROM article_search WHERE rowid = OLD.id; END",
    "DELETE FROM article_search",
    f"INSERT INTO article_search (rowid, {COLUMNS}) "
    "SELECT id, headline, standfirst, newsroom_plain_text(body) FROM articles_article",
]

DROP_SEARCH_SQL = [
    "DROP TRIGGER IF EXISTS article_search_insert",
    "DROP TRIGGER IF EXISTS article_search_update",
    "DROP TRIGGER IF EXISTS article_search_delete",
    "DROP TABLE IF EXISTS article_search",
]


def create_search_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SEARCH_SQL:
            schema_editor.execute(statement)


def drop_search_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP_SEARCH_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_review_notes_notification_settings"),
    ]

    operations = [migrations.RunPython(create_search_table, drop_search_table)]
