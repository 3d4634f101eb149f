"""Prepared statements and schema changes made by other processes.

psycopg prepares a statement once it has run it a few times on a connection
(`DB_PREPARE_THRESHOLD`). When another connection then changes the type of a column the
statement returns (a migration during a release), PostgreSQL refuses the old plan with
"cached plan must not change result type", and psycopg keeps the statement: every later
run on that connection would fail the same way. Inside a transaction the rollback that
follows makes psycopg forget its statements, and the middleware answers 503. Outside
one, `replan_stale_statements` drops the connection's statements (`DEALLOCATE ALL`, which
psycopg also reads as "forget") and runs the query once more.

psycopg converts a statement's `%s` placeholders to `$n` on every execution, keeping the
result only for statements up to 4 kB and 50 parameters. The output specs' page
statements are 4-8 kB with up to ~60 parameters (each row's JSON written by SQL, its
literals bound) and run on every list request: their conversion is kept too
(`cache_long_statements`; at most 128 statements per process, psycopg's LRU size).
"""

from django.db import NotSupportedError
from psycopg import _queries

# Well above the longest statement the service runs repeatedly (a page of sessions with
# its JSON: 7.6 kB, 52 parameters); longer ones are converted each time as before.
LONG_STATEMENT = 32 * 1024
MANY_PARAMETERS = 500

STALE_PLAN = "cached plan must not change result type"


def is_stale_plan(error: Exception) -> bool:
    return isinstance(error, NotSupportedError) and STALE_PLAN in str(error)


def replan_stale_statements(execute, sql, params, many, context):
    try:
        return execute(sql, params, many, context)
    except NotSupportedError as error:
        connection = context["connection"]
        if not is_stale_plan(error) or connection.in_atomic_block:
            raise
        connection.connection.execute("DEALLOCATE ALL")
        return execute(sql, params, many, context)


def install_replanning(sender, connection, **kwargs):
    """connection_created: add the wrapper once to each PostgreSQL connection."""
    if connection.vendor == "postgresql" and (
        replan_stale_statements not in connection.execute_wrappers
    ):
        connection.execute_wrappers.append(replan_stale_statements)


def cache_long_statements() -> None:
    """Let psycopg keep the placeholder conversion of long statements (module limits:
    psycopg reads them at each execution)."""
    _queries.MAX_CACHED_STATEMENT_LENGTH = max(_queries.MAX_CACHED_STATEMENT_LENGTH, LONG_STATEMENT)
    _queries.MAX_CACHED_STATEMENT_PARAMS = max(
        _queries.MAX_CACHED_STATEMENT_PARAMS, MANY_PARAMETERS
    )
