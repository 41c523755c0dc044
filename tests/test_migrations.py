"""Migrations are committed and linear: every model change has its migration, and no app has two leaves."""
import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

OUR_APPS = ("accounts", "audit", "outbox", "applications", "evaluation", "ceremonies")


def test_every_model_change_has_a_committed_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits with SystemExit(1) if one is missing


@pytest.mark.parametrize("app", OUR_APPS)
def test_each_app_has_one_line_of_migrations(db, app):
    graph = MigrationLoader(connection).graph
    assert len(graph.leaf_nodes(app)) == 1, graph.leaf_nodes(app)
