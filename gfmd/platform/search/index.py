"""Keeping the search index current.

Every audited write goes through `log_action`, which calls `mark_changed(obj)`: the
records whose text may have changed are collected for the transaction and reindexed by
one Celery task after it commits (never for a rolled back change). `reindex_all` rebuilds
everything (after the demo load, a restore, or a change of what a source indexes).
"""

from django.db import connection, transaction
from django.utils.translation import override

from gfmd.platform.models.search import (
    HEAD_BODY_CHARS,
    MAX_INDEXED_CHARS,
    SEARCH_CONFIGS,
    SearchEntry,
)
from gfmd.platform.queue import enqueue_on_commit
from gfmd.platform.search import SOURCES, sources_for_model

REINDEX_TASK = "gfmd.search_reindex"
BATCH = 500
_TITLE = (
    "setweight(to_tsvector('gfmd_simple', keywords), 'A')"
    " || setweight(to_tsvector(config::regconfig, title), 'A')"
)
# `vector` finds (the whole text); `head` ranks (the same weights on the first characters).
VECTORS_SQL = (
    f"vector = {_TITLE} || setweight(to_tsvector(config::regconfig, body), 'B'),"
    f" head = {_TITLE}"
    f" || setweight(to_tsvector(config::regconfig, left(body, {HEAD_BODY_CHARS})), 'B')"
)


def _pending() -> dict[str, set[int]]:
    # Per database connection, hence per thread and per transaction in progress.
    if not hasattr(connection, "_gfmd_search_pending"):
        connection._gfmd_search_pending = {}
    return connection._gfmd_search_pending


def mark_changed(obj) -> None:
    """Queue the records `obj` feeds for reindexing once the transaction commits."""
    label = obj._meta.label_lower
    touched = sources_for_model(label)
    if not touched:
        return
    pending = _pending()
    for source, follow in touched:
        ids = [obj.pk] if follow is None else [i for i in follow(obj) if i is not None]
        pending.setdefault(source.name, set()).update(ids)
    # One callback per write, but the first to run takes everything: a rolled back
    # savepoint drops its callback, never the others' ids.
    transaction.on_commit(_flush)


def _flush() -> None:
    pending = _pending()
    batches = {name: sorted(ids) for name, ids in pending.items()}
    pending.clear()
    for name, ids in batches.items():
        for start in range(0, len(ids), BATCH):
            enqueue_on_commit(REINDEX_TASK, source=name, ids=ids[start : start + BATCH])


def reindex(source_name: str, ids: list[int]) -> int:
    """Rewrite the index rows of these records (deleted records lose theirs)."""
    source = SOURCES.get(source_name)
    if source is None or not ids:
        return 0
    with override("en-gb"):  # labels inside indexed text read the same for every caller
        documents = list(source.documents(list(ids)))
    rows = [
        SearchEntry(
            source=source.name,
            object_id=doc.object_id,
            language=doc.language,
            config=SEARCH_CONFIGS.get(doc.language, SEARCH_CONFIGS["en-gb"]),
            title=str(doc.title)[:400],
            keywords=str(doc.keywords)[:400],
            body=(doc.body or "")[:MAX_INDEXED_CHARS],
            url=doc.url[:300],
        )
        for doc in documents
        if (doc.title or doc.body)
    ]
    with transaction.atomic():
        SearchEntry.objects.filter(source=source.name, object_id__in=ids).delete()
        SearchEntry.objects.bulk_create(rows)
        if connection.vendor == "postgresql" and rows:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE gfmd_searchentry SET {VECTORS_SQL}"
                    " WHERE source = %s AND object_id = ANY(%s)",
                    [source.name, list(ids)],
                )
    return len(rows)


def reindex_all(source_names=None) -> dict[str, int]:
    counts = {}
    for name, source in SOURCES.items():
        if source_names and name not in source_names:
            continue
        from django.apps import apps

        model = apps.get_model(source.model)
        ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
        SearchEntry.objects.filter(source=name).exclude(object_id__in=ids).delete()
        counts[name] = sum(
            reindex(name, ids[start : start + BATCH]) for start in range(0, len(ids), BATCH)
        )
    return counts
