"""PostgreSQL-only constraints that stay harmless on the SQLite development database.

Overlapping periods can only be excluded by PostgreSQL (GiST exclusion). Under SQLite
(`make run` without DATABASE_URL) these constraints are skipped; model validation still
applies there. Tests and production run on PostgreSQL, where they bind.
"""

from django.contrib.postgres.constraints import ExclusionConstraint


class PostgresExclusionConstraint(ExclusionConstraint):
    def _skip(self, schema_editor) -> bool:
        return schema_editor.connection.vendor != "postgresql"

    def constraint_sql(self, model, schema_editor):
        return None if self._skip(schema_editor) else super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        return None if self._skip(schema_editor) else super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        return None if self._skip(schema_editor) else super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using="default"):
        # Model.clean() checks the same rule portably (and names the field); the database
        # constraint is the backstop for concurrent writers and scripts.
        return None
