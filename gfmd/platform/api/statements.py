"""A list's statement compiled once per shape, with each request's values bound.

The ORM compiles a page's keys query on every request, and most of that work (resolving
the ordering through its joins, the select list, the FROM clause, the window count) gives
the same SQL for every request of one view, caller kind, filter set and page: only the
WHERE clause's values change. `compiled` compiles the WHERE clause alone (its SQL text
and its values) and looks up the rest by the query's shape: the model, that WHERE text,
the joins, the selected columns and annotations, the ordering and the slice. A shape is
kept only when all of the statement's values are the WHERE clause's, so binding a new
request's WHERE values gives exactly what the ORM would have written; anything else (an
extra, a DISTINCT, a GROUP BY, a combined query, a subquery or values outside WHERE) is
compiled as before. The columns' converters (found when the shape was compiled) are
applied to the rows as the ORM applies them. `CHECK = True` (the test suite) compiles
every hit too and fails on any difference.
"""

from django.core.exceptions import FullResultSet
from django.db.models.expressions import Col, RawSQL
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.query import Query

CHECK = False
LIMIT = 512  # shapes kept per process; past it the cache starts again
_shapes: dict = {}


class Compiled:
    __slots__ = ("sql", "params", "col_count", "converters", "connection")

    def __init__(self, sql, params, col_count, converters, connection=None):
        self.sql, self.params, self.col_count = sql, params, col_count
        self.converters, self.connection = converters, connection  # this thread's

    def rows(self, fetched):
        """Rows as `values()` gives them: the columns' converters applied, as the ORM's
        compiler applies them (`apply_converters`)."""
        if not self.converters:
            return fetched
        return SQLCompiler.apply_converters(self, fetched, self.converters)


def compiled(query, using: str) -> Compiled:
    """The query's SQL and values; raises EmptyResultSet as the ORM does."""
    compiler = query.get_compiler(using)
    shape = where_params = None
    if _simple(query):
        try:
            where_sql, where_params = compiler.compile(query.where)
        except FullResultSet:
            where_sql, where_params = "", []
        shape = _shape(query, using, where_sql)
        kept = _shapes.get(shape) if shape is not None else None
        if kept is not None:
            if CHECK:
                _check(query, using, kept.sql, where_params)
            return Compiled(
                kept.sql, tuple(where_params), kept.col_count, kept.converters, compiler.connection
            )
    sql, params = compiler.as_sql()
    if compiler.has_extra_select:  # ordering columns after the values (DISTINCT)
        raise ExtraSelect()
    fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
    converters = compiler.get_converters(fields)
    if shape is not None and list(params) == list(where_params):
        if len(_shapes) >= LIMIT:
            _shapes.clear()
        _shapes[shape] = Compiled(sql, None, compiler.col_count, converters)
    return Compiled(sql, params, compiler.col_count, converters, compiler.connection)


class ExtraSelect(Exception):
    """The statement selects ordering columns after the values (DISTINCT): read the
    values by the ORM instead."""


def _simple(query) -> bool:
    """A query whose SQL the shape below determines."""
    return not (
        query.combinator
        or query.distinct
        or query.extra
        or query.extra_select
        or query.extra_order_by
        or query.group_by is not None
        or query.select_for_update
        or query.select_related
        or query.where.contains_aggregate
        or query.where.contains_over_clause
        or not all(isinstance(name, str) for name in query.order_by)
        or any(_opaque(expression) for expression in query.annotation_select.values())
        or any(_opaque(column) for column in query.select if type(column) is not Col)
    )


def _opaque(expression) -> bool:
    # An expression's identity is its constructor's arguments; a subquery's (a Query)
    # leaves out its WHERE clause, and raw SQL is text: neither tells its SQL apart.
    return any(isinstance(part, Query | RawSQL) for part in expression.flatten())


def _shape(query, using, where_sql):
    joins = query.alias_map.items()
    key = (
        using,
        query.model,
        where_sql,
        tuple((alias, join, getattr(join, "join_type", None)) for alias, join in joins),
        tuple(query.alias_refcount.items()),
        query.default_cols,
        tuple((c.alias, c.target, c.output_field) if type(c) is Col else c for c in query.select),
        query.values_select,
        tuple(query.annotation_select.items()),
        tuple(query.selected.items()) if query.selected else None,
        tuple(query.order_by),
        query.default_ordering,
        query.standard_ordering,
        query.low_mark,
        query.high_mark,
    )
    try:
        hash(key)
    except TypeError:  # an unhashable part: not a shape this cache can keep
        return None
    return key


def _check(query, using, sql, where_params):
    fresh_sql, fresh_params = query.get_compiler(using).as_sql()
    if (fresh_sql, list(fresh_params)) != (sql, list(where_params)):
        raise AssertionError(f"statement cache differs:\n{sql}\n{fresh_sql}")
