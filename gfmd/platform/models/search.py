"""The search index: one row per searchable record and language (docs/search.md).

Rows are derived data, rebuilt from the records by `gfmd.platform.search.index`; nothing
else writes them. The vector is computed by PostgreSQL with the row's text search
configuration (gfmd_english, gfmd_french, gfmd_spanish: the stock stemmers behind
`unaccent`), so "migracion" finds "migración".
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint

SEARCH_CONFIGS = {"en-gb": "gfmd_english", "fr": "gfmd_french", "es": "gfmd_spanish"}
# Longest text indexed per row: a tsvector holds at most 1 MB of lexemes; the first
# 200,000 characters of a paper carry its vocabulary.
MAX_INDEXED_CHARS = 200_000
# The ranking reads `head`, not `vector`: a long text's vector (up to 1 MB) is stored out
# of line (TOAST) and would be read back and decompressed for every hit ranked.
HEAD_BODY_CHARS = 1000


class SearchEntry(models.Model):
    source = models.CharField(_("record type"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("record id"))
    language = models.CharField(_("language"), max_length=8)
    config = models.CharField(max_length=20)
    title = models.CharField(_("title"), max_length=400)
    # Session codes, edition years, country codes: matched word for word (no stemming).
    keywords = models.CharField(max_length=400, blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    vector = SearchVectorField(null=True)
    # Keywords, title and the start of the body: small enough to stay in the row; ranks hits.
    head = SearchVectorField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            # A search reads the GIN pending list whole until it is merged: 256 kB, not the
            # default 4 MB (20,000 queued entries cost each search about 7 ms).
            GinIndex(fields=["vector"], name="searchentry_vector_gin", gin_pending_list_limit=256),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "object_id", "language"], name="searchentry_unique"
            ),
            CheckConstraint(
                condition=Q(config__in=list(SEARCH_CONFIGS.values())),
                name="searchentry_config_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.object_id} ({self.language})"
