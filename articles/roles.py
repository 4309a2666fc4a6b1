"""The newsroom's roles (groups) and their exact permissions.

The data migrations create the groups (0002_roles, 0003_discovery,
0004_workflow_roles, comments 0002_moderator_permissions); after every migrate (and every test
flush, which empties the tables) `sync_roles` sets each group to exactly the
permissions those migrations define, and the Administrator group to all of
them, including permissions that apps added later.
"""

from importlib import import_module


def role_definitions():
    roles = {name: list(codes) for name, codes in import_module("articles.migrations.0002_roles").ROLES.items()}
    for name, codes in import_module("articles.migrations.0004_workflow_roles").WORKFLOW_PERMISSIONS.items():
        roles[name] += codes
    for name, codenames in import_module("articles.migrations.0003_discovery").PIN_PERMISSIONS.items():
        roles[name] += [f"articles.{codename}" for codename in codenames]
    roles["Moderator"] += import_module("comments.migrations.0002_moderator_permissions").MODERATOR
    return roles


def sync_roles(using="default"):
    from django.contrib.auth.models import Group, Permission

    permissions = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for name, codes in role_definitions().items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set([permissions[code] for code in codes])
    administrator, _ = Group.objects.using(using).get_or_create(name="Administrator")
    administrator.permissions.set(list(permissions.values()))


def sync_roles_after_migrate(sender, using="default", apps=None, **kwargs):
    """post_migrate runs once per app; act after the last one, when every
    app's permissions exist."""
    from django.apps import apps as registry

    if sender.name == list(registry.get_app_configs())[-1].name:
        sync_roles(using=using)
