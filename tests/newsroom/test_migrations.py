"""Our apps' migrations: one linear history each, and in step with the models."""

import pytest
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

OUR_APPS = ["articles", "comments"]


@pytest.mark.parametrize("app_label", OUR_APPS)
def test_each_app_has_one_linear_migration_history(app_label):
    """No branches and no merge migrations: each migration follows exactly one of its app's."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    parents = {
        key: [parent.key for parent in graph.node_map[key].parents if parent.key[0] == app_label]
        for key in graph.nodes
        if key[0] == app_label
    }

    assert len([key for key, own in parents.items() if not own]) == 1, "more than one initial migration"
    assert [key for key, own in parents.items() if len(own) > 1] == [], "merge migrations"
    assert len(graph.leaf_nodes(app_label)) == 1, "branches"


def test_models_need_no_new_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
