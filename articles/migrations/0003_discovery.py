"""Discovery: editors' pins and exclusions for "Read more", a covering index from tag to story,
and on PostgreSQL the GIN index behind full-text search.

The search index exists only on PostgreSQL (SQLite searches with LIKE, see README "Discovery"),
so it is created by a RunPython that does nothing elsewhere, and it is not part of the model
state (makemigrations stays clean on both backends).
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

SEARCH_INDEX = "article_search_gin"

# The same expression as articles.search.search_vector(): PostgreSQL only uses the index when
# the query's expression is identical. Frozen here; tests check the index is used.
SEARCH_INDEX_SQL = f"""
CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON articles_article USING gin ((
    setweight(to_tsvector('english'::regconfig, COALESCE(headline, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, COALESCE(standfirst, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C')
))
"""

PIN_PERMISSIONS = {
    # Editors also delete tags: merging tags (TagAdmin's action) deletes the merged ones.
    "Editor": ["add_relatedpin", "change_relatedpin", "delete_relatedpin", "view_relatedpin", "delete_tag"],
    "Writer": ["view_relatedpin"],
}


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_INDEX_SQL)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


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
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article', verbose_name='story'),
        ),
        migrations.AddConstraint(
            model_name='relatedpin',
            constraint=models.UniqueConstraint(fields=('article', 'target'), name='articles_relatedpin_unique_target'),
        ),
        migrations.AddConstraint(
            model_name='relatedpin',
            constraint=models.CheckConstraint(condition=models.Q(('article', models.F('target')), _negated=True), name='articles_relatedpin_not_self'),
        ),
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunPython(grant_pin_permissions, revoke_pin_permissions),
    ]
