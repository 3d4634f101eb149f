"""The raw baseline: a minimal WSGI app (psycopg 3, no Django) answering the benchmarked
list requests with the same SQL round trips and the same JSON as the service.

Per request it runs what the service runs (see `benchmarks/queries.py`): the session and
user lookup, the filter's existence check, the COUNT of page-number lists, the page itself
(cursor pages: 51 rows newest first) with the same joins, filters, ordering and limit,
and the prefetch queries; then it builds the same JSON body by hand. It selects only the
columns the JSON needs (the ORM selects every column), has no permission checks, no
middleware and no ETag: it is the floor the service is compared with. `benchmarks/run`
checks that both answer the same JSON before loading.

    BASELINE_DSN=postgresql://postgres@127.0.0.1:5432/gfmd_bench \
        gunicorn --chdir benchmarks baseline:app -w 5
"""

import base64
import json
import os
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlencode

import psycopg

DSN = os.environ.get("BASELINE_DSN", "postgresql://postgres@127.0.0.1:5432/gfmd_bench")
SEATS = ("developed", "developing")
_conn = None


def connection():
    """One connection per worker process, like the service's persistent connections."""
    global _conn
    if _conn is None or _conn.closed:
        _conn = psycopg.connect(DSN, autocommit=True)
        _conn.execute("SET TIME ZONE 'UTC'")
    return _conn


def iso(value):
    if value is None:
        return None
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, date):
        return value.isoformat()
    return value


def _default(value):
    if isinstance(value, date | datetime):
        return iso(value)
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value))


def dumps(data) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False, default=_default).encode()


def authenticate(cur, environ) -> bool:
    """The session row and the user row, as Django's session middleware reads them."""
    cookie = environ.get("HTTP_COOKIE", "")
    key = next((p.split("=", 1)[1] for p in cookie.split("; ") if p.startswith("sessionid=")), None)
    if not key:
        return False
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

SESSION_SQL = """
SELECT s.id, r.edition_id, s.roundtable_id, r.number, s.number, s.title, s.theme_id, t.name,
       s.description, s.observers_may_submit, s.slot_start, s.slot_end, s.room,
       p.id, p.title, p.state, p.consultation_deadline
FROM roundtables_session s
JOIN roundtables_roundtable r ON s.roundtable_id = r.id
JOIN gfmd_edition e ON r.edition_id = e.id
JOIN roundtables_theme t ON s.theme_id = t.id
LEFT JOIN roundtables_workingpaper p ON s.id = p.session_id
WHERE {where}
ORDER BY e.ordinal, r.number, s.number, s.id
LIMIT {limit}
"""
COCHAIR_SQL = """
SELECT c.id, c.session_id, k.iso3, k.name, c.state, c.origin, c.seat, c.proposed_at,
       c.decided_at, c.reason
FROM roundtables_cochair c JOIN gfmd_country k ON c.country_id = k.id
WHERE c.session_id = ANY(%s) ORDER BY c.id
"""
TEAM_SQL = """
SELECT m.id, m.session_id, k.iso3, k.name, m.state, m.requested_at, m.decided_at, m.reason
FROM roundtables_teammembership m JOIN gfmd_country k ON m.country_id = k.id
WHERE m.session_id = ANY(%s) ORDER BY m.id
"""


def _sessions(cur, where: str, params: list, limit: int) -> list[dict]:
    cur.execute(SESSION_SQL.format(where=where, limit=int(limit)), params)
    rows = cur.fetchall()
    ids = [r[0] for r in rows]
    codes = {r[0]: f"RT {r[3]}.{r[4]}" for r in rows}
    cochairs, team = {}, {}
    cur.execute(COCHAIR_SQL, [ids])
    for c in cur.fetchall():
        cochairs.setdefault(c[1], []).append(
            {
                "id": c[0],
                "session": c[1],
                "session_code": codes[c[1]],
                "country": c[2],
                "country_name": c[3],
                "state": c[4],
                "origin": c[5],
                "seat": c[6],
                "proposed_at": iso(c[7]),
                "decided_at": iso(c[8]),
                "reason": c[9],
            }
        )
    cur.execute(TEAM_SQL, [ids])
    for m in cur.fetchall():
        team.setdefault(m[1], []).append(
            {
                "id": m[0],
                "session": m[1],
                "session_code": codes[m[1]],
                "country": m[2],
                "country_name": m[3],
                "state": m[4],
                "requested_at": iso(m[5]),
                "decided_at": iso(m[6]),
                "reason": m[7],
            }
        )
    results = []
    for r in rows:
        chairs = cochairs.get(r[0], [])
        taken = {c["seat"] for c in chairs if c["state"] == "confirmed"}
        open_seats = [seat for seat in SEATS if seat not in taken]
        results.append(
            {
                "id": r[0],
                "code": codes[r[0]],
                "edition": r[1],
                "roundtable": r[2],
                "number": r[4],
                "title": r[5],
                "theme": r[6],
                "theme_name": r[7],
                "description": r[8],
                "observers_may_submit": r[9],
                "slot_start": iso(r[10]),
                "slot_end": iso(r[11]),
                "room": r[12],
                "cochairs": chairs,
                "team": team.get(r[0], []),
                "open_seats": open_seats,
                "is_ready": not open_seats,
                "paper": None
                if r[13] is None
                else {
                    "id": r[13],
                    "title": r[14],
                    "state": r[15],
                    "consultation_deadline": iso(r[16]),
                },
            }
        )
    return results


def sessions_list(cur, query):
    edition = int(query["roundtable__edition"][0])
    cur.execute("SELECT id FROM gfmd_edition WHERE id = %s LIMIT 21", [edition])
    if cur.fetchone() is None:
        return 400, {"detail": "no such edition"}
    cur.execute(
        "SELECT COUNT(*) FROM roundtables_session s JOIN roundtables_roundtable r "
        "ON s.roundtable_id = r.id WHERE r.edition_id = %s",
        [edition],
    )
    count = cur.fetchone()[0]
    results = _sessions(cur, "r.edition_id = %s", [edition], min(count, 50)) if count else []
    return 200, {"count": count, "next": None, "previous": None, "results": results}


def session_detail(cur, pk: int):
    found = _sessions(cur, "s.id = %s", [pk], 21)
    return (200, found[0]) if found else (404, {"detail": "Not found."})


# --- inputs --------------------------------------------------------------------------------

INPUT_SQL = """
SELECT i.id, i.paper_id, r.number, s.number, i.consultation_round, k.iso3, k.name,
       i.organisation_id, o.name, o.acronym, i.submitted_at, i.text, i.evidence,
       i.attachment, i.attachment_name, i.attachment_size, i.attachment_checksum,
       i.decision, i.decision_reason, i.decided_at
FROM roundtables_input i
JOIN roundtables_workingpaper p ON i.paper_id = p.id
JOIN roundtables_session s ON p.session_id = s.id
JOIN roundtables_roundtable r ON s.roundtable_id = r.id
LEFT JOIN gfmd_country k ON i.country_id = k.id
LEFT JOIN gfmd_organisation o ON i.organisation_id = o.id
LEFT JOIN auth_user u ON i.submitted_by_id = u.id
WHERE i.paper_id = %s AND i.decision = %s
ORDER BY i.id DESC
LIMIT 51
"""


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
    cur.execute("SELECT id FROM roundtables_workingpaper WHERE id = %s LIMIT 21", [paper])
    if cur.fetchone() is None:
        return 400, {"detail": "no such paper"}
    cur.execute(INPUT_SQL, [paper, decision])
    rows = cur.fetchall()
    has_next, rows = len(rows) > 50, rows[:50]
    results = []
    for r in rows:
        if r[5] is not None:
            body = r[6]
        else:
            body = f"{r[8]} ({r[9]})" if r[9] else r[8]
        results.append(
            {
                "id": r[0],
                "paper": r[1],
                "session_code": f"RT {r[2]}.{r[3]}",
                "consultation_round": r[4],
                "country": r[5],
                "organisation": r[7],
                "body_name": body,
                "submitted_at": iso(r[10]),
                "text": r[11],
                "evidence": r[12],
                "attachment_name": r[14],
                "attachment_size": r[15],
                "attachment_checksum": r[16],
                "attachment_url": f"/api/v1/inputs/{r[0]}/attachment/" if r[13] else None,
                "decision": r[17],
                "decision_reason": r[18],
                "decided_at": iso(r[19]),
            }
        )
    next_url = next_link(environ, query, rows, has_next)
    return 200, {"next": next_url, "previous": None, "results": results}


# --- CSD applications (cursor pages, newest first) -----------------------------------------

APPLICATION_SQL = """
SELECT a.id, a.csd_edition_id, a.organisation_id, g.name, c.sector, a.motivation,
       a.contact_email, a.status, a.source, a.external_ref, a.submitted_at,
       COUNT(DISTINCT v.id)
FROM civil_society_application a
LEFT JOIN civil_society_review v ON a.id = v.application_id
JOIN civil_society_csdedition e ON a.csd_edition_id = e.id
JOIN civil_society_civilsocietyorganisation c ON a.organisation_id = c.id
JOIN gfmd_organisation g ON c.organisation_id = g.id
LEFT JOIN auth_user u ON a.submitted_by_id = u.id
WHERE a.csd_edition_id = %s AND a.status = %s
GROUP BY a.id, e.id, c.id, g.id, u.id
ORDER BY a.id DESC
LIMIT 51
"""
DELEGATE_SQL = """
SELECT d.id, d.application_id, d.csd_edition_id, d.position, d.full_name, d.email, d.gender,
       k.iso3, d.expertise, d.roundtable_interests, d.status, d.waitlist_position, d.decided_at
FROM civil_society_delegate d JOIN gfmd_country k ON d.country_id = k.id
WHERE d.application_id = ANY(%s) ORDER BY d.position, d.id
"""


def applications_list(cur, query, environ):
    edition, status = int(query["csd_edition"][0]), query["status"][0]
    cur.execute("SELECT id FROM civil_society_csdedition WHERE id = %s LIMIT 21", [edition])
    if cur.fetchone() is None:
        return 400, {"detail": "no such CSD edition"}
    cur.execute(APPLICATION_SQL, [edition, status])
    rows = cur.fetchall()
    has_next, rows = len(rows) > 50, rows[:50]
    names = {r[0]: r[3] for r in rows}
    cur.execute(DELEGATE_SQL, [[r[0] for r in rows]])
    delegates = {}
    for d in cur.fetchall():
        delegates.setdefault(d[1], []).append(
            {
                "id": d[0],
                "application": d[1],
                "csd_edition": d[2],
                "organisation": names[d[1]],
                "position": d[3],
                "full_name": d[4],
                "email": d[5],
                "gender": d[6],
                "country": d[7],
                "expertise": d[8],
                "roundtable_interests": d[9],
                "status": d[10],
                "waitlist_position": d[11],
                "decided_at": iso(d[12]),
            }
        )
    next_url = next_link(environ, query, rows, has_next)
    results = [
        {
            "id": r[0],
            "csd_edition": r[1],
            "organisation": r[2],
            "organisation_name": r[3],
            "sector": r[4],
            "motivation": r[5],
            "contact_email": r[6],
            "status": r[7],
            "source": r[8],
            "external_ref": r[9],
            "submitted_at": iso(r[10]),
            "review_count": r[11],
            "delegates": delegates.get(r[0], []),
        }
        for r in rows
    ]
    return 200, {"next": next_url, "previous": None, "results": results}


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
    return 404, {"detail": "Not found."}


def app(environ, start_response):
    conn = connection()
    with conn.cursor() as cur:
        if not authenticate(cur, environ):
            status, data = 403, {"detail": "Authentication credentials were not provided."}
        else:
            status, data = route(cur, environ)
    body = dumps(data)
    reason = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found"}[status]
    start_response(
        f"{status} {reason}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]
