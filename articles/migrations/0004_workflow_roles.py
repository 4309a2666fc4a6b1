"""Give the roles the editorial workflow's permissions.

Writer: submit their own stories for review. Editor: edit any story, send it back,
approve, publish, schedule, withdraw, add corrections, see and revert revisions.
Moderator: unchanged (comments only). Administrator: every permission, again, so
that the new ones are included.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_PERMISSIONS = {
    "Writer": ["articles.submit_article"],
    "Editor": [
        "articles.edit_any_article", "articles.submit_article", "articles.request_changes_article",
        "articles.approve_article", "articles.publish_article", "articles.schedule_article",
        "articles.withdraw_article", "articles.view_history_article", "articles.revert_article",
        "articles.add_correction", "articles.view_correction", "articles.view_articleevent",
    ],
}


def _permission(Permission, code):
    app_label, codename = code.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def add_workflow_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate).
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in WORKFLOW_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(Permission, code) for code in codes])
    administrator, _ = Group.objects.get_or_create(name="Administrator")
    administrator.permissions.set(Permission.objects.all())


def remove_workflow_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in WORKFLOW_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(*[_permission(Permission, code) for code in codes])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(add_workflow_permissions, remove_workflow_permissions)]
