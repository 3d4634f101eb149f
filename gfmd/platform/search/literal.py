"""Search words written into a statement as a literal, not bound as a parameter.

psycopg prepares a statement it has run a few times on a connection
(`DB_PREPARE_THRESHOLD`), and PostgreSQL then plans a prepared statement once for any
value of its parameters (a generic plan) when that looks no dearer. With the words bound,
such a plan cannot see how common they are, and it computes `websearch_to_tsquery` for
every row it tests: on the bench volume the cross-record search's ranking took 14-22 ms
that way against 3-4 ms with the words visible, and the practice search's page of keys
17 ms against 2. Written as a literal, the words are part of the statement: each
distinct search is planned for its own words, and a search run often is still prepared.
"""

from psycopg import sql


def quoted(text: str, connection) -> str:
    """`text` as a PostgreSQL string literal for a statement Django runs with parameters:
    quoted by the driver for this connection, `%` doubled for the placeholder syntax."""
    connection.ensure_connection()
    literal = sql.Literal(text.replace("\x00", "")).as_string(connection.connection)
    return literal.replace("%", "%%")
