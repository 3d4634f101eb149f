"""Output specs: a payload's fields declared once, for the schema, the lists and the rest.

An `OutputSpec` names a payload's fields in order, each one of:

- `Column("roundtable__edition_id")`: a model column, or a path through relations (the
  key's own name when no path is given: `Column()` for a model field of that name);
  `Column(translated=True)` reads a translated text (gfmd/platform/content.py) in the
  active language, falling back to the original column, in the same statement;
- `Expr(lambda: <Django expression>, field)`: a value the database computes (a code
  joined from two numbers, a body name, a URL, open seats), with kind "value" (any
  scalar), "bool", "datetime" or "raw" (the expression already gives JSON text);
- `Nested(spec, link="session")`: the rows of another spec whose `link` points at this
  row, a list (`many=True`, in `order_by` order) or one object (null when there is none).

From it come:

- `spec.serializer()`: a DRF serializer class named `<name>Serializer` whose declared
  fields are the spec's (`field=` where the type is not the model field's), so
  drf-spectacular writes the schema from it; its `to_representation` is the spec's SQL
  (one statement for one object or for many), so detail and write responses are the
  list's payload too;
- `spec.json_rows(queryset)`: the caller's queryset (scoped, filtered and ordered by the
  selector and the view) with one more column, the row's JSON object as text built by the
  database, written exactly as DRF's JSONRenderer writes it (compact, in field order,
  datetimes in the current time zone as DRF's DateTimeField writes them). A list view
  joins the texts of a page into its envelope without reading them (`SpecListMixin`);
- `spec.with_texts(keys)` (PostgreSQL): a `values()` queryset of the page's keys read with
  each row's JSON in the same statement, however the paginator slices and counts it.

PostgreSQL builds the text by concatenation (`'{"id":' || to_json(id)::text || ...`,
`string_agg` for nested lists) because json_build_object and jsonb put spaces after
separators; SQLite (the development database) uses `json_object` and
`json_group_array`, in UTC only. JSON columns must hold arrays of scalars.
"""

from __future__ import annotations

import copy
import json
import sys
import uuid

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    F,
    QuerySet,
)
from django.db.models.query import ValuesIterable
from django.utils import timezone, translation
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer

from gfmd.platform.api.output_sql import (
    JSON_COLUMN,
    JSONObjectText,
    _attname_path,
    _column_kind,
    _nested,
)
from gfmd.platform.api.statements import ExtraSelect, compiled
from gfmd.platform.content import translated


class Column:
    """A model column or a relation path (`__`-separated), written as the column's value
    (`translated`: in the active language, else the original text)."""

    def __init__(
        self, path: str | None = None, field: serializers.Field | None = None, translated=False
    ):
        self.path, self.field, self.translated = path, field, translated


class Expr:
    """A value computed by the database: `build()` returns a Django expression over the
    spec's model; `kind` says how to write it ("value", "bool", "datetime", "raw")."""

    def __init__(self, build, field: serializers.Field, kind: str = "value"):
        self.build, self.field, self.kind = build, field, kind


class Nested:
    """Rows of another spec linked to this row (`link`: the child's relation to it)."""

    def __init__(
        self,
        spec: OutputSpec,
        link: str,
        many=True,
        order_by=("id",),
        where: dict | None = None,
        **field_kwargs,
    ):
        # `where`: more conditions on the child rows (one kind of a session's documents).
        self.spec, self.link, self.many = spec, link, many
        self.order_by, self.field_kwargs = tuple(order_by), field_kwargs
        self.where = dict(where or {})


class OutputSpec:
    """One payload: `fields` maps each output key to a Column, Expr or Nested, in order.

    `read_only`: model fields the serializer builds itself are read-only in the schema
    (True for pure read payloads; False keeps a resource's writable shape)."""

    def __init__(self, model, name: str, fields: dict, *, read_only=True, doc: str | None = None):
        self.model, self.name, self.fields = model, name, fields
        self.read_only, self.doc = read_only, doc
        self.module = sys._getframe(1).f_globals.get("__name__", model.__module__)
        self._serializer = None
        self._compiled = {}
        self._scalar = {}
        self._iterable = None

    # SQL

    def expression(self):
        """The row's JSON object as text, a Django expression over `model`."""
        keys, kinds, expressions = [], [], []
        for key, item in self.fields.items():
            keys.append(key)
            if isinstance(item, Column):
                path = item.path or key
                kinds.append(_column_kind(self.model, path))
                if item.translated:
                    prefix, _sep, name = path.rpartition("__")
                    expressions.append(translated(name, prefix + _sep))
                else:
                    expressions.append(F(_attname_path(self.model, path)))
            elif isinstance(item, Expr):
                kinds.append(item.kind)
                expressions.append(item.build())
            else:
                kinds.append("raw")
                expressions.append(_nested(item))
        return JSONObjectText(keys, kinds, expressions)

    def json_rows(self, queryset, *extra):
        """`queryset.values(*extra, _json=...)`: one JSON object text per row."""
        return queryset.values(*extra, **{JSON_COLUMN: self.expression()})

    def texts_for(self, pks: list, using: str = "default") -> dict:
        """{pk: the row's JSON text} for these rows, by one statement whose SQL is compiled
        once per process (per database, time zone and language: translated columns read
        the active language's column): building and compiling the spec's expression tree
        cost more CPU than the rest of a list request. PostgreSQL only."""
        key = (using, timezone.get_current_timezone_name(), translation.get_language())
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(using)
        sql, params, slot = compiled
        params = list(params)
        params[slot] = list(pks)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())

    def with_texts(self, rows: QuerySet) -> QuerySet:
        """`rows` (a `values()` queryset whose first column is the pk: the page's keys as
        the view scopes, filters, orders and pages them) evaluated with one more key, each
        row's JSON text, in the same statement (PostgreSQL only): `WITH page AS (the keys'
        SQL) SELECT page.*, (the spec's row, compiled once) FROM page`. The page costs one
        round trip, however the paginator slices or counts it."""
        if self._iterable is None:
            self._iterable = type(f"{self.name}Rows", (SpecValuesIterable,), {"spec": self})
        rows = rows.all()
        rows._iterable_class = self._iterable
        return rows

    def scalar_sql(self, using: str, outer: str) -> tuple[str, tuple]:
        """The row's JSON text as a scalar subquery for the row whose pk is `outer` (SQL),
        compiled once per process, database, time zone and language (see `texts_for`)."""
        key = (using, timezone.get_current_timezone_name(), translation.get_language(), outer)
        compiled = self._scalar.get(key)
        if compiled is None:
            meta = self.model._meta
            qn = connections[using].ops.quote_name
            queryset = (
                self.model._default_manager.using(using)
                .annotate(**{JSON_COLUMN: self.expression()})
                .extra(where=[f"{qn(meta.db_table)}.{qn(meta.pk.column)} = {outer}"])
                .values_list(JSON_COLUMN)
                .order_by()
            )
            sql, params = queryset.query.sql_with_params()
            compiled = self._scalar[key] = (sql, tuple(params))
        return compiled

    def _compile(self, using: str):
        meta = self.model._meta
        qn = connections[using].ops.quote_name
        marker = ["texts_for"]  # found again among the params by identity
        queryset = (
            self.model._default_manager.using(using)
            .annotate(**{JSON_COLUMN: self.expression()})
            .extra(where=[f"{qn(meta.db_table)}.{qn(meta.pk.column)} = ANY(%s)"], params=[marker])
            .values_list("pk", JSON_COLUMN)
            .order_by()
        )
        sql, params = queryset.query.sql_with_params()
        slot = next(i for i, p in enumerate(params) if p is marker)
        return sql, tuple(params), slot

    def render(self, queryset) -> list[dict]:
        """The payloads of a queryset's rows, as Python (detail and write responses)."""
        texts = [row[JSON_COLUMN] for row in self.json_rows(queryset)]
        return json.loads("[" + ",".join(texts) + "]")

    def render_instances(self, instances) -> list[dict]:
        """The payloads of model instances, in their order, in one query."""
        instances = list(instances)
        pks = [obj.pk for obj in instances]
        using = instances[0]._state.db if instances else "default"
        if connections[using].vendor == "postgresql":
            found = self.texts_for(pks, using=using)
        else:
            rows = self.json_rows(self.model._default_manager.filter(pk__in=pks), "pk")
            found = {row["pk"]: row[JSON_COLUMN] for row in rows}
        return json.loads("[" + ",".join(found[pk] for pk in pks if pk in found) + "]")

    # DRF

    def serializer(self) -> type[serializers.ModelSerializer]:
        """The serializer class of this payload (schema, detail and write responses)."""
        if self._serializer is not None:
            return self._serializer
        declared, built = {}, []
        for key, item in self.fields.items():
            if isinstance(item, Nested):
                declared[key] = item.spec.serializer()(
                    many=item.many, read_only=True, **item.field_kwargs
                )
            elif item.field is not None:
                declared[key] = copy.deepcopy(item.field)
            elif isinstance(item, Column) and item.path is None:
                built.append(key)
            else:
                raise TypeError(f"{self.name}.{key}: give the field= of a path or expression")
        meta = {"model": self.model, "fields": list(self.fields)}
        if self.read_only:
            meta["read_only_fields"] = built
        meta["list_serializer_class"] = SpecListSerializer
        attrs = {
            **declared,
            "Meta": type("Meta", (), meta),
            "spec": self,
            "__doc__": self.doc,
            "__module__": self.module,
        }
        self._serializer = type(f"{self.name}Serializer", (SpecSerializer,), attrs)
        return self._serializer


class SpecValuesIterable(ValuesIterable):
    """`values()` rows plus JSON_COLUMN, read in the keys' statement (`with_texts`)."""

    spec: OutputSpec

    def __iter__(self):
        queryset = self.queryset
        query = queryset.query
        try:
            keys = compiled(query, queryset.db)  # compiled once per shape (statements.py)
        except EmptyResultSet:
            return
        except ExtraSelect:
            yield from self._two_statements()
            return
        names = (
            list(query.selected)
            if query.selected
            else [*query.extra_select, *query.values_select, *query.annotation_select]
        )
        columns = ", ".join(f"gfmd_k{i}" for i in range(keys.col_count))
        text, text_params = self.spec.scalar_sql(queryset.db, "gfmd_page.gfmd_k0")
        # A materialised page is read back in the order its ORDER BY gave it: one scan of
        # it, no join, no grouping.
        statement = (
            f"WITH gfmd_page ({columns}) AS MATERIALIZED ({keys.sql}) "
            f"SELECT {columns}, ({text}) FROM gfmd_page"
        )
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(statement, (*keys.params, *text_params))
            fetched = cursor.fetchall()
        rows = keys.rows([row[:-1] for row in fetched])
        for row, found in zip(rows, fetched, strict=True):
            item = dict(zip(names, row, strict=True))
            item[JSON_COLUMN] = found[-1]
            yield item

    def _two_statements(self):
        rows = list(ValuesIterable(self.queryset))
        pk = self.queryset.model._meta.pk.attname
        found = self.spec.texts_for([row[pk] for row in rows], using=self.queryset.db)
        for row in rows:
            row[JSON_COLUMN] = found[row[pk]]
            yield row


class SpecSerializer(serializers.ModelSerializer):
    # Base of the serializers `OutputSpec.serializer()` makes: output through the spec.
    # (A comment, not a docstring: the schema would show it on every payload.)

    spec: OutputSpec

    def to_representation(self, instance):
        rows = self.spec.render_instances([instance])
        if not rows:  # deleted since it was read
            raise NotFound()
        return rows[0]


class SpecListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        spec = self.child.spec
        if hasattr(data, "all") and not isinstance(data, QuerySet):  # a related manager
            data = data.all()
        if isinstance(data, QuerySet) and not data._result_cache and data.model is spec.model:
            return spec.render(data)
        return spec.render_instances(data)


# Responses


class RawJSON(str):
    """JSON text the database wrote, to be put in a response as it is."""

    @classmethod
    def join(cls, texts) -> RawJSON:
        return cls.of("[" + ",".join(texts) + "]")

    @classmethod
    def of(cls, text: str) -> RawJSON:
        # as DRF's JSONRenderer writes them (safe inside <script>)
        return cls(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class SpecJSONRenderer(JSONRenderer):
    """DRF's JSONRenderer, writing RawJSON values (the data, or a value of the top-level
    envelope such as a page's `results`) as they are, without reading them."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if self.get_indent(accepted_media_type, renderer_context or {}):  # asked for indent
            data = _parsed(data)
        if isinstance(data, RawJSON):
            return data.encode()
        if not isinstance(data, dict) or not any(isinstance(v, RawJSON) for v in data.values()):
            return super().render(data, accepted_media_type, renderer_context)
        marks, plain = {}, {}
        for key, value in data.items():
            if isinstance(value, RawJSON):
                mark = f"raw-json-{uuid.uuid4().hex}"
                marks[mark] = value
                value = mark
            plain[key] = value
        out = super().render(plain, accepted_media_type, renderer_context)
        for mark, value in marks.items():
            out = out.replace(f'"{mark}"'.encode(), value.encode(), 1)
        return out


def _parsed(data):
    if isinstance(data, RawJSON):
        return json.loads(data)
    if isinstance(data, dict):
        return {key: _parsed(value) for key, value in data.items()}
    return data
