"""Answering a search: ranked hits the caller may see, then snippets for one page.

Two statements whatever the volume: the first ranks the visible hits (each source's
`visible(user)` selector compiled in as a subquery, one row per record: its best language;
at most MAX_CANDIDATES entries) and counts them; the second cuts highlighted snippets for
the page only (ts_headline is the expensive part). SQLite (development) matches words
with LIKE and shows the title.
"""

import html
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q

from gfmd.platform.models.search import SEARCH_CONFIGS, SearchEntry
from gfmd.platform.search import SOURCES
from gfmd.platform.search.literal import quoted

MAX_QUERY_CHARS = 200
# Control characters cannot appear in indexed text (it is XML- or form-sourced), so they
# mark the highlights safely through html.escape.
START, STOP = "\x02", "\x03"
HEADLINE_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=18, MinWords=6"
CONFIGS = ("gfmd_simple", *SEARCH_CONFIGS.values())
# Matching index entries ranked per record type and search, at most: as many as the hits a
# caller can page through (50 pages of 20, MAX_PAGE in the API and the admin).
MAX_CANDIDATES = 1000


@dataclass(frozen=True)
class Hit:
    source: str
    label: str
    object_id: int
    language: str
    title: str
    snippet_html: str
    url: str
    rank: float


@dataclass(frozen=True)
class SearchPage:
    count: int
    hits: list[Hit]
    # True when more entries matched than were ranked: `count` is then a lower bound.
    more: bool = False


def _visible_sql(user, names):
    parts, params, whole = [], [], []
    for name in names:
        visible = SOURCES[name].visible(user)
        if not visible.query.where:
            # The caller sees every record of this type (staff, mostly): the index holds
            # rows of existing records only (index.py), so the type alone decides, and
            # the planner has no subquery to plan or hash.
            whole.append(name)
            continue
        try:
            # no ORDER BY: the selectors' list order only cost a sort per search
            visible = visible.order_by().values("pk")
            sql, sub_params = visible.query.sql_with_params()
        except EmptyResultSet:  # the selector answered .none(): nothing of this type
            continue
        parts.append(f"(e.source = %s AND e.object_id IN ({sql}))")
        params += [name, *sub_params]
    if whole:
        parts.append("e.source = ANY(%s)")
        params.append(whole)
    return " OR ".join(parts) or "FALSE", params


def _tsquery_sql(text: str) -> str:
    words = quoted(text, connection)  # a literal, not a parameter: literal.py says why
    return " || ".join(f"websearch_to_tsquery('{c}', {words})" for c in CONFIGS)


def search(user, text: str, *, sources=None, limit: int = 20, offset: int = 0) -> SearchPage:
    text = " ".join(str(text or "").split())[:MAX_QUERY_CHARS]
    names = [n for n in SOURCES if not sources or n in sources]
    if not text or not names:
        return SearchPage(0, [])
    if connection.vendor != "postgresql":
        return _search_simple(user, text, names, limit, offset)
    visible, visible_params = _visible_sql(user, names)
    # Subquery parameters are positional; the query text is bound by name once: mix them by
    # formatting the visibility clause with the named style's escaping.
    # Matching entries are ranked as the scan hands them over, at most MAX_CANDIDATES: a
    # broad query ("working paper" is in every paper's title) then stops early instead of
    # ranking and sorting 24,000 hits. Below the cap the ranking and the count are exact;
    # at the cap `more` says the count is a lower bound and the best of the first entries
    # found are shown. Ranking reads the small `head` vector, never the long one, with
    # ts_rank: ts_rank_cd cost 18 us a hit against four configurations' OR-ed queries.
    # The candidates' tsquery is written out, not read from `q`, so that the planner sees
    # the words and picks a scan that stops early for a broad query.
    rank_sql = f"""
        WITH q AS (SELECT {_tsquery_sql(text)} AS query),
        matched AS MATERIALIZED (
            SELECT e.id, e.source, e.object_id, e.head
            FROM gfmd_searchentry e
            WHERE e.vector @@ ({_tsquery_sql(text)}) AND ({visible})
            LIMIT %(cap)s
        ),
        hits AS (
            SELECT DISTINCT ON (m.source, m.object_id)
                   m.id, m.source, m.object_id, coalesce(ts_rank(m.head, q.query, 1), 0) AS rank
            FROM matched m, q
            ORDER BY m.source, m.object_id, rank DESC, m.id
        )
        SELECT id, source, object_id, rank, count(*) OVER (),
               (SELECT count(*) FROM matched) >= %(cap)s
        FROM hits
        ORDER BY rank DESC, source, object_id LIMIT %(limit)s OFFSET %(offset)s
    """
    named = {"limit": limit, "offset": offset, "cap": MAX_CANDIDATES}
    named.update({f"v{i}": value for i, value in enumerate(visible_params)})
    counter = iter(range(len(visible_params)))
    rank_sql = _name_positional(rank_sql, counter)
    with connection.cursor() as cursor:
        cursor.execute(rank_sql, named)
        ranked = cursor.fetchall()
    if not ranked:
        return SearchPage(0, [])
    total, more = ranked[0][4], ranked[0][5]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH q AS (SELECT {_tsquery_sql(text)} AS query)
            SELECT e.id, e.language, e.title, e.url,
                   ts_headline(e.config::regconfig, left(e.body, 20000), q.query, %(opts)s)
            FROM gfmd_searchentry e, q WHERE e.id = ANY(%(ids)s)
            """,
            {"opts": HEADLINE_OPTIONS, "ids": [row[0] for row in ranked]},
        )
        details = {row[0]: row[1:] for row in cursor.fetchall()}
    hits = []
    for entry_id, source, object_id, rank, _total, _more in ranked:
        language, title, url, headline = details[entry_id]
        hits.append(_hit(source, object_id, language, title, url, headline, rank))
    return SearchPage(total, hits, more)


def _name_positional(sql: str, counter) -> str:
    # The visibility subqueries come compiled with %s; the rest of the statement uses
    # %(name)s. psycopg takes one style per statement, so number the positional ones.
    out, i = [], 0
    while True:
        j = sql.find("%s", i)
        if j < 0:
            out.append(sql[i:])
            return "".join(out)
        out.append(sql[i:j])
        out.append(f"%(v{next(counter)})s")
        i = j + 2


def _highlight(headline: str) -> str:
    return html.escape(headline or "").replace(START, "<mark>").replace(STOP, "</mark>").strip()


def _hit(source, object_id, language, title, url, headline, rank) -> Hit:
    spec = SOURCES[source]
    return Hit(
        source=source,
        label=str(spec.label),
        object_id=object_id,
        language=language,
        title=title,
        snippet_html=_highlight(headline),
        url=url,
        rank=float(rank),
    )


def _search_simple(user, text, names, limit, offset) -> SearchPage:
    words = text.split()
    scope = Q()
    for name in names:
        scope |= Q(source=name, object_id__in=SOURCES[name].visible(user).values("pk"))
    entries = SearchEntry.objects.filter(scope)
    for word in words:
        entries = entries.filter(
            Q(title__icontains=word) | Q(body__icontains=word) | Q(keywords__icontains=word)
        )
    rows = list(
        entries.order_by("source", "object_id", "id").values_list(
            "source", "object_id", "language", "title", "url", "body"
        )
    )
    seen, unique = set(), []
    for row in rows:
        if (row[0], row[1]) not in seen:
            seen.add((row[0], row[1]))
            unique.append(row)
    page = unique[offset : offset + limit]
    hits = [
        _hit(source, object_id, language, title, url, body[:200], 0.0)
        for source, object_id, language, title, url, body in page
    ]
    return SearchPage(len(unique), hits)
