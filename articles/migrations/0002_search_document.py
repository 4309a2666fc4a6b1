"""On PostgreSQL, the stored search document behind full-text search (README, "Search").

articles_article gets a `search_document` tsvector column (headline weighted A, standfirst B,
body C) kept up to date by a trigger on every insert and update, and a GIN index on it.
Storing the document lets ranking read it instead of parsing every matching story again. It
is not a model field (Django never writes it; queries name it through
articles.search.SearchDocument), so makemigrations stays clean on both backends, and SQLite,
which searches with LIKE (README, "Discovery"), has no such column.

Every statement may run on a database that already has the document: one built by the
migrations this one replaced (issue 13) records 0001_initial as applied and runs only this.
"""

from django.db import migrations

SEARCH_SQL = """
ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS search_document tsvector;

CREATE OR REPLACE FUNCTION articles_article_search_document() RETURNS trigger AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('english', COALESCE(NEW.headline, '')), 'A')
        || setweight(to_tsvector('english', COALESCE(NEW.standfirst, '')), 'B')
        || setweight(to_tsvector('english', COALESCE(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE TRIGGER articles_article_search_document
    BEFORE INSERT OR UPDATE OF headline, standfirst, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_document();

UPDATE articles_article SET headline = headline;

CREATE INDEX IF NOT EXISTS article_search_gin ON articles_article USING gin (search_document);
"""

DROP_SEARCH_SQL = """
DROP INDEX IF EXISTS article_search_gin;
DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_document();
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document;
"""


def create_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_SQL)


def drop_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SEARCH_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_search_document, drop_search_document)]
