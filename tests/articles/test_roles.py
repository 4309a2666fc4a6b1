"""The roles (articles/roles.py): exact after every migrate, whatever was changed in between."""

import pytest
from django.apps import AppConfig, apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from articles.roles import ADMINISTRATOR, ROLES


def permission_codes(group):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_role_has_exactly_its_permissions_after_migrate(db, role):
    assert permission_codes(Group.objects.get(name=role)) == set(ROLES[role])


def test_administrator_has_every_permission(db):
    administrator = Group.objects.get(name=ADMINISTRATOR)
    assert administrator.permissions.count() == Permission.objects.count() > 0


def test_migrate_takes_back_a_permission_given_to_a_role_in_the_admin(db):
    writer = Group.objects.get(name="Writer")
    writer.permissions.add(Permission.objects.get(content_type__app_label="articles", codename="publish_article"))
    Group.objects.get(name="Moderator").delete()

    call_command("migrate", verbosity=0)

    assert permission_codes(Group.objects.get(name="Writer")) == set(ROLES["Writer"])
    assert permission_codes(Group.objects.get(name="Moderator")) == set(ROLES["Moderator"])


def test_roles_are_synced_when_the_last_installed_app_has_no_models(db, monkeypatch):
    """post_migrate is sent only for apps with models: an app without any (django-htmx,
    for example) at the end of INSTALLED_APPS must not stop the roles being synced."""
    without_models = AppConfig.create("django.contrib.syndication")
    without_models.apps, without_models.models = apps, {}  # what the registry sets when it imports models
    assert without_models.models_module is None
    monkeypatch.setitem(apps.app_configs, without_models.label, without_models)
    assert list(apps.get_app_configs())[-1] is without_models
    Group.objects.get(name="Editor").permissions.clear()

    call_command("migrate", verbosity=0)

    assert permission_codes(Group.objects.get(name="Editor")) == set(ROLES["Editor"])
