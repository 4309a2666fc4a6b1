"""Discovery: editors' pins and exclusions for "Read more", a covering index from tag to story,
and on PostgreSQL the stored search document behind full-text search.

On PostgreSQL, articles_article gets a `search_document` tsvector column (headline weighted A,
standfirst B, body C) kept up to date by a trigger on every insert and update, and a GIN index
on it. Storing the document lets ranking read it instead of parsing every matching story
again. It is not a model field (Django never writes it; queries name it through
articles.search.SearchDocument), so makemigrations stays clean on both backends, and SQLite,
which searches with LIKE (README, "Discovery"), has no such column.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

SEARCH_SQL = """
ALTER TABLE articles_article ADD COLUMN search_document tsvector;

CREATE FUNCTION articles_article_search_document() RETURNS trigger AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('english', COALESCE(NEW.headline, '')), 'A')
        || setweight(to_tsvector('english', COALESCE(NEW.standfirst, '')), 'B')
        || setweight(to_tsvector('english', COALESCE(NEW.body, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_article_search_document
    BEFORE INSERT OR UPDATE OF headline, standfirst, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_document();

UPDATE articles_article SET headline = headline;

CREATE INDEX article_search_gin ON articles_article USING gin (search_document);
"""

DROP_SEARCH_SQL = """
DROP INDEX IF EXISTS article_search_gin;
DROP TRIGGER IF EXISTS articles_article_search_document ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_document();
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_document;
"""

PIN_PERMISSIONS = {
    # Editors also delete tags: merging tags (TagAdmin's action) deletes the merged ones.
    "Editor": ["add_relatedpin", "change_relatedpin", "delete_relatedpin", "view_relatedpin", "delete_tag"],
    "Writer": ["view_relatedpin"],
}


def create_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_SQL)


def drop_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SEARCH_SQL)


def grant_pin_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now (as 0002 does).
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in PIN_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
            )
    administrator = Group.objects.filter(name="Administrator").first()
    if administrator:
        administrator.permissions.add(*Permission.objects.filter(content_type__app_label="articles"))


def revoke_pin_permissions(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="articles", codename__endswith="_relatedpin"
    ).delete()
    editor = apps.get_model("auth", "Group").objects.filter(name="Editor").first()
    if editor:
        editor.permissions.remove(*editor.permissions.filter(codename="delete_tag"))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_roles'),
    ]

    operations = [
        migrations.CreateModel(
            name='RelatedPin',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'pinned story',
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='article',
            name='excluded_related',
            field=models.ManyToManyField(blank=True, help_text='Stories that must never appear in this story\'s "Read more", whatever their tags.', related_name='+', to='articles.article', verbose_name='never in Read more'),
        ),
        migrations.AddIndex(
            model_name='taggedarticle',
            index=models.Index(fields=['tag', 'content_object'], name='taggedarticle_tag_story'),
        ),
        migrations.AddField(
            model_name='relatedpin',
            name='article',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='related_pins', to='articles.article'),
        ),
        migrations.AddField(
            model_name='relatedpin',
            name='target',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pinned_in', to='articles.article', verbose_name='story'),
        ),
        migrations.AddConstraint(
            model_name='relatedpin',
            constraint=models.UniqueConstraint(fields=('article', 'target'), name='articles_relatedpin_unique_target'),
        ),
        migrations.AddConstraint(
            model_name='relatedpin',
            constraint=models.CheckConstraint(condition=models.Q(('article', models.F('target')), _negated=True), name='articles_relatedpin_not_self'),
        ),
        migrations.RunPython(create_search_document, drop_search_document),
        migrations.RunPython(grant_pin_permissions, revoke_pin_permissions),
    ]
