"""Prepared statements and schema changes made by other processes.

psycopg prepares a statement once it has run it a few times on a connection
(`DB_PREPARE_THRESHOLD`). When another connection then changes the type of a column the
statement returns (a migration during a release), PostgreSQL refuses the old plan with
"cached plan must not change result type", and psycopg keeps the statement: every later
run on that connection would fail the same way. Inside a transaction the rollback that
follows makes psycopg forget its statements, and the middleware answers 503. Outside
one, `replan_stale_statements` drops the connection's statements (`DEALLOCATE ALL`, which
psycopg also reads as "forget") and runs the query once more.
"""

from django.db import NotSupportedError

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
