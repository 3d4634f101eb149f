"""The raw baseline: a minimal WSGI app (psycopg 3, no Django) answering the benchmarked
list requests with the same SQL technique and the same JSON as the service.

Per request it runs what the service runs (see `benchmarks/queries.py`): the session and
user lookup (from Redis, as the service does, when BASELINE_REDIS_URL is set) and the
page itself with the same filters, ordering and limit (page-number lists: with their
total in the same statement, COUNT(*) OVER (); cursor pages: 51 rows newest first); for
an empty page only, the filter's existence check (a page with rows proves its key).
As in the service (output specs, gfmd/platform/api/outputs.py), PostgreSQL writes each row's JSON
object, nested co-chairs, team and delegates included (correlated subqueries with
string_agg), in one statement per page; the app joins the rows' texts into the envelope
without reading them. It has no permission checks, no middleware and no ETag: it is the
floor the service is compared with. `benchmarks/run` checks that both answer the same
JSON before loading.

    BASELINE_DSN=postgresql://postgres@127.0.0.1:5432/gfmd_bench \
        gunicorn --chdir benchmarks baseline:app -w 5
"""

import base64
import json
import os
from urllib.parse import parse_qs, urlencode

import psycopg

DSN = os.environ.get("BASELINE_DSN", "postgresql://postgres@127.0.0.1:5432/gfmd_bench")
REDIS_URL = os.environ.get("BASELINE_REDIS_URL")
_conn = None


def connection():
    """One connection per worker process, like the service's persistent connections."""
    global _conn
    if _conn is None or _conn.closed:
        _conn = psycopg.connect(DSN, autocommit=True)
        _conn.execute("SET TIME ZONE 'UTC'")
    return _conn


def dumps(data) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()


def page_body(envelope: dict, texts: list[str]) -> bytes:
    """The envelope with `results` last: the rows' JSON texts, as PostgreSQL wrote them."""
    head = dumps(envelope)[:-1] + (b',"results":[' if envelope else b'{"results":[')
    return head + ",".join(texts).encode() + b"]}"


# SQL that writes a JSON object as compact text, keys in order (as DRF writes it):
# '{"id":' || to_json(x.id)::text || ',"title":' || ... || '}'
DATETIME = (
    "regexp_replace(to_char(({0}) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US'), "
    "'\\.000000$', '') || 'Z'"
)
VALUE = {
    "v": "coalesce(to_json({0})::text, 'null')",
    "dt": "coalesce(to_json(" + DATETIME + ")::text, 'null')",
    "raw": "coalesce({0}, 'null')",
    "list": (
        "CASE WHEN {0} IS NULL THEN 'null' ELSE (SELECT coalesce('[' || "
        "string_agg(e.v::text, ',' ORDER BY e.n) || ']', '[]') "
        "FROM jsonb_array_elements({0}) WITH ORDINALITY e(v, n)) END"
    ),
}


def obj(*fields) -> str:
    """fields: "key:kind=sql" where kind is one of VALUE's keys (default v)."""
    parts = []
    for i, spec in enumerate(fields):
        name, sql = spec.split("=", 1)
        key, _, kind = name.partition(":")
        parts.append("'" + ("{" if i == 0 else ",") + f'"{key}":' + "'")
        parts.append(VALUE[kind or "v"].format(sql))
    return "(" + " || ".join(parts) + " || '}')"


def agg(select_obj: str, source: str, order: str) -> str:
    """A correlated subquery: the rows' objects as a JSON array (text), [] when none."""
    return (
        f"(SELECT coalesce('[' || string_agg({select_obj}, ',' ORDER BY {order}) || ']', '[]') "
        f"FROM {source})"
    )


_redis = None


def redis_client():
    global _redis
    if _redis is None:
        import redis

        _redis = redis.Redis.from_url(REDIS_URL)
    return _redis


def authenticate(cur, environ) -> bool:
    """The session and the user. The service reads both from Redis (cached_db sessions, the
    verified-user snapshot), so with BASELINE_REDIS_URL the baseline does too, in one MGET;
    the first sight of a session reads the rows from PostgreSQL and keeps them."""
    cookie = environ.get("HTTP_COOKIE", "")
    key = next((p.split("=", 1)[1] for p in cookie.split("; ") if p.startswith("sessionid=")), None)
    if not key:
        return False
    if not REDIS_URL:
        return authenticate_in_database(cur, key)
    keys = [f"baseline:session:{key}", "baseline:user:bench-staff"]
    session, active = redis_client().mget(keys)
    if session is None or active is None:
        found = authenticate_in_database(cur, key)
        if found:
            redis_client().mset({keys[0]: b"1", keys[1]: b"1"})
        return found
    return active == b"1"


def authenticate_in_database(cur, key: str) -> bool:
    cur.execute(
        "SELECT session_key, session_data, expire_date FROM django_session "
        "WHERE expire_date > now() AND session_key = %s LIMIT 21",
        [key],
    )
    if cur.fetchone() is None:
        return False
    # The session data names the user; the seeded session belongs to bench-staff.
    cur.execute(
        "SELECT id, is_active FROM auth_user WHERE username = 'bench-staff' LIMIT 21",
    )
    row = cur.fetchone()
    return bool(row and row[1])


# --- sessions ------------------------------------------------------------------------------

CODE = "'RT ' || r.number || '.' || s.number"
COCHAIRS = agg(
    obj(
        "id=c.id",
        "session=c.session_id",
        "session_code=" + CODE,
        "country=k.iso3",
        "country_name=k.name",
        "state=c.state",
        "origin=c.origin",
        "seat=c.seat",
        "proposed_at:dt=c.proposed_at",
        "decided_at:dt=c.decided_at",
        "reason=c.reason",
    ),
    "roundtables_cochair c JOIN gfmd_country k ON c.country_id = k.id WHERE c.session_id = s.id",
    "c.id",
)
TEAM = agg(
    obj(
        "id=m.id",
        "session=m.session_id",
        "session_code=" + CODE,
        "country=k.iso3",
        "country_name=k.name",
        "state=m.state",
        "mechanism=m.mechanism_id",
        "requested_at:dt=m.requested_at",
        "decided_at:dt=m.decided_at",
        "reason=m.reason",
    ),
    "roundtables_teammembership m LEFT JOIN gfmd_country k ON m.country_id = k.id "
    "WHERE m.session_id = s.id",
    "m.id",
)
SEATS = "(VALUES ('developed', 1), ('developing', 2)) seat(name, n)"
SEAT_TAKEN = (
    "EXISTS (SELECT 1 FROM roundtables_cochair c WHERE c.session_id = s.id "
    "AND c.state = 'confirmed' AND c.seat = seat.name)"
)
OPEN_SEATS = (
    "(SELECT '[' || coalesce(string_agg(to_json(seat.name)::text, ',' ORDER BY seat.n), '') "
    f"|| ']' FROM {SEATS} WHERE NOT {SEAT_TAKEN})"
)
IS_READY = f"(NOT EXISTS (SELECT 1 FROM {SEATS} WHERE NOT {SEAT_TAKEN}))"
PAPER = (
    "CASE WHEN p.id IS NULL THEN 'null' ELSE "
    + obj(
        "id=p.id",
        "title=p.title",
        "state=p.state",
        "consultation_deadline:dt=p.consultation_deadline",
    )
    + " END"
)
SESSION_SQL = (
    "SELECT "
    + obj(
        "id=s.id",
        "code=" + CODE,
        "edition=r.edition_id",
        "roundtable=s.roundtable_id",
        "number=s.number",
        "title=s.title",
        "title_fr=s.title_fr",
        "title_es=s.title_es",
        "theme=s.theme_id",
        "theme_name=t.name",
        "description=s.description",
        "description_fr=s.description_fr",
        "description_es=s.description_es",
        "observers_may_submit=s.observers_may_submit",
        "slot_start:dt=s.slot_start",
        "slot_end:dt=s.slot_end",
        "room=s.room",
        "cochairs:raw=" + COCHAIRS,
        "team:raw=" + TEAM,
        "open_seats:raw=" + OPEN_SEATS,
        "is_ready=" + IS_READY,
        "paper:raw=" + PAPER,
        # English, the original language: nothing falls back (docs/api.md)
        "translated_fields_missing:raw='[]'",
    )
    + """
FROM roundtables_session s
JOIN roundtables_roundtable r ON s.roundtable_id = r.id
JOIN gfmd_edition e ON r.edition_id = e.id
LEFT JOIN roundtables_theme t ON s.theme_id = t.id
LEFT JOIN roundtables_workingpaper p ON s.id = p.session_id
WHERE __WHERE__
ORDER BY e.ordinal, r.number, s.number, s.id
LIMIT __LIMIT__
"""
)


def _sessions(cur, where: str, params: list, limit: int) -> list[str]:
    sql = SESSION_SQL.replace("__WHERE__", where).replace("__LIMIT__", str(int(limit)))
    cur.execute(sql, params)
    return [row[0] for row in cur.fetchall()]


# A page with its total in one statement, as the service reads it: the page's keys with
# COUNT(*) OVER () (materialised), then each row's JSON.
SESSION_PAGE_SQL = """WITH page AS MATERIALIZED (
SELECT s.id, COUNT(*) OVER () AS total FROM roundtables_session s
JOIN roundtables_roundtable r ON s.roundtable_id = r.id
JOIN gfmd_edition e ON r.edition_id = e.id
WHERE r.edition_id = %s ORDER BY e.ordinal, r.number, s.number, s.id LIMIT 50)
""" + SESSION_SQL.replace("SELECT ", "SELECT page.total, ", 1).replace(
    "\nFROM roundtables_session s\n",
    "\nFROM page JOIN roundtables_session s ON s.id = page.id\n",
    1,
).replace("__WHERE__", "TRUE").replace("__LIMIT__", "50")


def unknown(cur, table: str, key: int) -> bool:
    """As the service: a page with rows proves its filter's key exists (the foreign key
    holds), so this runs only for an empty page."""
    cur.execute(f"SELECT 1 FROM {table} WHERE id = %s LIMIT 1", [key])
    return cur.fetchone() is None


def sessions_list(cur, query):
    edition = int(query["roundtable__edition"][0])
    cur.execute(SESSION_PAGE_SQL, [edition])
    rows = cur.fetchall()
    if not rows and unknown(cur, "gfmd_edition", edition):
        return 400, dumps({"detail": "no such edition"})
    count = rows[0][0] if rows else 0
    texts = [row[1] for row in rows]
    return 200, page_body({"count": count, "next": None, "previous": None}, texts)


def session_detail(cur, pk: int):
    found = _sessions(cur, "s.id = %s", [pk], 21)
    return (200, found[0].encode()) if found else (404, dumps({"detail": "Not found."}))


# --- inputs --------------------------------------------------------------------------------

INPUT_SQL = (
    "SELECT i.id, "
    + obj(
        "id=i.id",
        "paper=i.paper_id",
        "session_code='RT ' || r.number || '.' || s.number",
        "consultation_round=i.consultation_round",
        "country=k.iso3",
        "organisation=i.organisation_id",
        "mechanism=i.mechanism_id",
        "body_name=CASE WHEN i.country_id IS NOT NULL THEN k.name "
        "WHEN i.mechanism_id IS NOT NULL THEN mm.name WHEN o.acronym > '' "
        "THEN o.name || ' (' || o.acronym || ')' ELSE o.name END",
        "submitted_at:dt=i.submitted_at",
        "text=i.text",
        "evidence=i.evidence",
        "attachment_name=i.attachment_name",
        "attachment_size=i.attachment_size",
        "attachment_checksum=i.attachment_checksum",
        "attachment_url=CASE WHEN i.attachment > '' "
        "THEN '/api/v1/inputs/' || i.id || '/attachment/' END",
        "decision=i.decision",
        "decision_reason=i.decision_reason",
        "decided_at:dt=i.decided_at",
    )
    + """
FROM roundtables_input i
JOIN roundtables_workingpaper p ON i.paper_id = p.id
JOIN roundtables_session s ON p.session_id = s.id
JOIN roundtables_roundtable r ON s.roundtable_id = r.id
LEFT JOIN gfmd_country k ON i.country_id = k.id
LEFT JOIN gfmd_organisation o ON i.organisation_id = o.id
LEFT JOIN gfmd_mechanism mm ON i.mechanism_id = mm.id
WHERE i.paper_id = %s AND i.decision = %s
ORDER BY i.id DESC
LIMIT 51
"""
)


def next_link(environ, query, rows, has_next):
    """DRF's cursor link for newest-first pages: the last id as position, sorted params."""
    if not has_next:
        return None
    cursor = base64.b64encode(f"p={rows[-1][0]}".encode()).decode()
    params = {k: v[0] for k, v in query.items()}
    params["cursor"] = cursor
    host = environ.get("HTTP_HOST", "127.0.0.1")
    return f"http://{host}{environ['PATH_INFO']}?{urlencode(sorted(params.items()))}"


def inputs_list(cur, query, environ):
    paper, decision = int(query["paper"][0]), query["decision"][0]
    cur.execute(INPUT_SQL, [paper, decision])
    rows = cur.fetchall()
    if not rows and unknown(cur, "roundtables_workingpaper", paper):
        return 400, dumps({"detail": "no such paper"})
    has_next, rows = len(rows) > 50, rows[:50]
    next_url = next_link(environ, query, rows, has_next)
    return 200, page_body({"next": next_url, "previous": None}, [r[1] for r in rows])


# --- CSD applications (cursor pages, newest first) -----------------------------------------

DELEGATES = agg(
    obj(
        "id=d.id",
        "application=d.application_id",
        "csd_edition=d.csd_edition_id",
        "organisation=g.name",
        "position=d.position",
        "full_name=d.full_name",
        "email=d.email",
        "gender=d.gender",
        "country=k.iso3",
        "expertise=d.expertise",
        "roundtable_interests:list=d.roundtable_interests",
        "status=d.status",
        "waitlist_position=d.waitlist_position",
        "decided_at:dt=d.decided_at",
    ),
    "civil_society_delegate d LEFT JOIN gfmd_country k ON d.country_id = k.id "
    "WHERE d.application_id = a.id",
    "d.position, d.id",
)
APPLICATION_SQL = (
    "SELECT a.id, "
    + obj(
        "id=a.id",
        "csd_edition=a.csd_edition_id",
        "organisation=a.organisation_id",
        "organisation_name=g.name",
        "sector=c.sector",
        "motivation=a.motivation",
        "contact_email=a.contact_email",
        "status=a.status",
        "source=a.source",
        "external_ref=a.external_ref",
        "submitted_at:dt=a.submitted_at",
        "review_count=(SELECT COUNT(*) FROM civil_society_review v WHERE v.application_id = a.id)",
        "delegates:raw=" + DELEGATES,
    )
    + """
FROM civil_society_application a
JOIN civil_society_civilsocietyorganisation c ON a.organisation_id = c.id
JOIN gfmd_organisation g ON c.organisation_id = g.id
WHERE a.csd_edition_id = %s AND a.status = %s
ORDER BY a.id DESC
LIMIT 51
"""
)


def applications_list(cur, query, environ):
    edition, status = int(query["csd_edition"][0]), query["status"][0]
    cur.execute(APPLICATION_SQL, [edition, status])
    rows = cur.fetchall()
    if not rows and unknown(cur, "civil_society_csdedition", edition):
        return 400, dumps({"detail": "no such CSD edition"})
    has_next, rows = len(rows) > 50, rows[:50]
    next_url = next_link(environ, query, rows, has_next)
    return 200, page_body({"next": next_url, "previous": None}, [r[1] for r in rows])


# --- WSGI ----------------------------------------------------------------------------------


def route(cur, environ):
    path = environ["PATH_INFO"]
    query = parse_qs(environ.get("QUERY_STRING", ""))
    if path == "/api/v1/sessions/":
        return sessions_list(cur, query)
    if path.startswith("/api/v1/sessions/") and path.rstrip("/").rsplit("/", 1)[1].isdigit():
        return session_detail(cur, int(path.rstrip("/").rsplit("/", 1)[1]))
    if path == "/api/v1/inputs/":
        return inputs_list(cur, query, environ)
    if path == "/api/v1/csd/applications/":
        return applications_list(cur, query, environ)
    return 404, dumps({"detail": "Not found."})


def app(environ, start_response):
    conn = connection()
    with conn.cursor() as cur:
        if not authenticate(cur, environ):
            status = 403
            body = dumps({"detail": "Authentication credentials were not provided."})
        else:
            status, body = route(cur, environ)
    reason = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found"}[status]
    start_response(
        f"{status} {reason}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]
