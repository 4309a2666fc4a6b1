"""The Moderator group may work the moderation queue and edit the word lists.

Permissions are normally created after all migrations (post_migrate); they are
created here first, as in articles/migrations/0002_roles.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR = [
    "comments.view_readercomment", "comments.change_readercomment",
    "comments.view_moderationreason", "comments.view_moderationdecision",
    "comments.add_watchedword", "comments.change_watchedword", "comments.delete_watchedword",
    "comments.view_watchedword",
    "django_comments.view_commentflag",
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderator")
    for code in MODERATOR:
        app_label, codename = code.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    # The Administrator group holds every permission.
    administrator = Group.objects.filter(name="Administrator").first()
    if administrator:
        administrator.permissions.add(*Permission.objects.filter(content_type__app_label="comments"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Moderator").first()
    if group:
        for code in MODERATOR:
            app_label, codename = code.split(".")
            group.permissions.remove(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_roles"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
