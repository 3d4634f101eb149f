"""How an output spec becomes SQL (gfmd/platform/api/outputs.py): each field's value
written as JSON text by the database, PostgreSQL by concatenation, SQLite by json_object.
"""

from __future__ import annotations

import re

from django.db.models import (
    BooleanField,
    DateTimeField,
    F,
    Func,
    JSONField,
    OuterRef,
    Subquery,
    TextField,
)
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.utils import timezone

JSON_COLUMN = "_json"


def _field_at(model, path: str):
    parts = path.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(parts[-1])


def _attname_path(model, path: str) -> str:
    """`session` (a foreign key) is written as its id: `session_id`."""
    field = _field_at(model, path)
    last = path.rsplit("__", 1)[-1]
    if field.concrete and field.is_relation and last == field.name:
        return path[: -len(last)] + field.attname
    return path


def _column_kind(model, path: str) -> str:
    field = _field_at(model, path)
    if isinstance(field, DateTimeField):
        return "datetime"
    if isinstance(field, BooleanField):
        return "bool"
    if isinstance(field, JSONField):
        return "json"
    return "value"


class NestedJSON(Subquery):
    """A nested spec's rows as JSON text: a list, or one object (null when none)."""

    output_field = TextField()

    def __init__(self, queryset, many: bool):
        super().__init__(queryset, output_field=TextField())
        self.many = many

    def as_sql(self, compiler, connection, template=None, **extra_context):
        if connection.vendor == "postgresql":
            template = (
                "(SELECT coalesce('[' || string_agg(_s._json, ',' ORDER BY _s._n) || ']', '[]') "
                "FROM (%(subquery)s) _s)"
                if self.many
                else "coalesce((SELECT _s._json FROM (%(subquery)s) _s LIMIT 1), 'null')"
            )
        elif self.many:
            template = "(SELECT json_group_array(json(_s._json)) FROM (%(subquery)s) _s)"
        else:
            template = "(SELECT _s._json FROM (%(subquery)s) _s LIMIT 1)"
        return super().as_sql(compiler, connection, template=template, **extra_context)


def _nested(item):  # an outputs.Nested: its spec, link and order
    spec = item.spec
    queryset = spec.model._default_manager.filter(
        **{item.link: OuterRef("pk")}, **item.where
    ).order_by(*item.order_by)
    return NestedJSON(
        queryset.values(
            **{
                JSON_COLUMN: spec.expression(),
                "_n": Window(RowNumber(), order_by=[_order(o) for o in item.order_by]),
            }
        ),
        item.many,
    )


def _order(name: str):
    return F(name[1:]).desc() if name.startswith("-") else F(name).asc()


_ZONE = re.compile(r"^[A-Za-z0-9_/+\-]+$")


def _datetime_pg(sql: str, params: list):
    """DRF's DateTimeField output: ISO 8601 in the current time zone, microseconds only
    when not zero, "Z" for a zero offset (DRF turns "+00:00" into "Z")."""
    zone = timezone.get_current_timezone_name()
    if not _ZONE.match(zone):
        raise ValueError(f"unexpected time zone name {zone!r}")
    local = f"((\0) AT TIME ZONE '{zone}')"
    text = f"regexp_replace(to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), '\\.000000$', '')"
    if zone == "UTC":
        template = f"({text} || 'Z')"
    else:
        offset = f"({local} - ((\0) AT TIME ZONE 'UTC'))"
        template = (
            f"({text} || CASE WHEN {offset} = interval '0' THEN 'Z' "
            f"WHEN {offset} < interval '0' THEN '-' || to_char(-{offset}, 'HH24:MI') "
            f"ELSE '+' || to_char({offset}, 'HH24:MI') END)"
        )
    return template.replace("\0", sql), params * template.count("\0")


def _value_pg(kind: str, sql: str, params: list):
    if kind == "raw":
        return f"coalesce({sql}, 'null')", params
    if kind == "datetime":
        text, params = _datetime_pg(sql, params)
        return f"coalesce(to_json({text})::text, 'null')", params
    if kind == "json":  # an array of scalars, written compactly
        return (
            f"CASE WHEN ({sql}) IS NULL THEN 'null' ELSE (SELECT coalesce('[' || "
            f"string_agg(_e.v::text, ',' ORDER BY _e.n) || ']', '[]') "
            f"FROM jsonb_array_elements({sql}) WITH ORDINALITY _e(v, n)) END",
            params * 2,
        )
    return f"coalesce(to_json({sql})::text, 'null')", params


def _value_sqlite(kind: str, sql: str, params: list):
    if kind == "raw":
        return f"json({sql})", params
    if kind == "json":  # rewritten: Django stores JSON text with non-ASCII escaped
        return (
            f"CASE WHEN ({sql}) IS NULL THEN NULL ELSE "
            f"json((SELECT json_group_array(value) FROM json_each({sql}))) END",
            params * 2,
        )
    if kind == "bool":
        return f"CASE ({sql}) WHEN 1 THEN json('true') WHEN 0 THEN json('false') END", params
    if kind == "datetime":
        if timezone.get_current_timezone_name() != "UTC":
            raise NotImplementedError("Output specs on SQLite write datetimes in UTC only.")
        return f"(replace({sql}, ' ', 'T') || 'Z')", params
    return sql, params


class JSONObjectText(Func):
    """A JSON object as text, its keys in the given order, written compactly."""

    output_field = TextField()

    def __init__(self, keys, kinds, expressions):
        super().__init__(*expressions, output_field=TextField())
        self.keys, self.kinds = list(keys), list(kinds)

    def as_sql(self, compiler, connection, **extra_context):
        sqls, params = [], []
        postgres = connection.vendor == "postgresql"
        if not postgres and connection.vendor != "sqlite":
            raise NotImplementedError(f"No output specs on {connection.vendor}.")
        for key, kind, expression in zip(
            self.keys, self.kinds, self.get_source_expressions(), strict=True
        ):
            sql, sql_params = compiler.compile(expression)
            encode = _value_pg if postgres else _value_sqlite
            sql, sql_params = encode(kind, sql, list(sql_params))
            sqls.append((key, sql))
            params.extend(sql_params)
        if postgres:
            parts = []
            for i, (key, sql) in enumerate(sqls):
                opener = "{" if i == 0 else ","
                parts.append(f"'{opener}\"{key}\":'")
                parts.append(sql)
            parts.append("'}'")
            return "(" + " || ".join(parts) + ")", params
        return "json_object(" + ", ".join(f"'{key}', {sql}" for key, sql in sqls) + ")", params

    def get_group_by_cols(self):
        # Grouped querysets (a selector's Count annotation) group by the columns the
        # object reads, which PostgreSQL collapses to the tables' keys, not by the object
        # or its subqueries (which would then run once per joined row).
        return _group_by_columns(self)


def _group_by_columns(expression) -> list:
    if isinstance(expression, Subquery):
        return expression.get_group_by_cols()  # its outer references
    sources = [e for e in expression.get_source_expressions() if e is not None]
    if not sources:
        return expression.get_group_by_cols()
    return [col for source in sources for col in _group_by_columns(source)]
