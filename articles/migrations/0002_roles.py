"""The newsroom's roles as groups with exact permissions.

Permissions are normally created after all migrations (post_migrate); they are
created here first so the groups can be filled on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Writer": [
        "articles.add_article", "articles.change_article", "articles.view_article",
        "articles.add_byline", "articles.change_byline", "articles.delete_byline", "articles.view_byline",
        "articles.add_taggedarticle", "articles.change_taggedarticle", "articles.delete_taggedarticle",
        "articles.view_taggedarticle",
        "articles.add_tag", "articles.view_tag", "articles.view_section", "articles.view_author",
    ],
    "Editor": [
        "articles.add_article", "articles.change_article", "articles.delete_article", "articles.view_article",
        "articles.add_byline", "articles.change_byline", "articles.delete_byline", "articles.view_byline",
        "articles.add_taggedarticle", "articles.change_taggedarticle", "articles.delete_taggedarticle",
        "articles.view_taggedarticle",
        "articles.add_tag", "articles.change_tag", "articles.view_tag",
        "articles.add_section", "articles.change_section", "articles.view_section",
        "articles.add_author", "articles.change_author", "articles.view_author",
    ],
    "Moderator": [
        "django_comments.can_moderate", "django_comments.change_comment", "django_comments.view_comment",
        "django_comments_xtd.change_xtdcomment", "django_comments_xtd.view_xtdcomment",
    ],
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for code in codes:
            app_label, codename = code.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
    administrator, _ = Group.objects.get_or_create(name="Administrator")
    administrator.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[*ROLES, "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
