"""What the Platform for Partnerships contributes to the cross-record search (docs/search.md):
practices in each language they are written in, for whoever may see them (published ones
for everyone). The public practice list keeps its own filtered search (docs/partnerships.md)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gfmd.platform.search import SearchDocument, SearchSource, register
from partnerships.models import Practice
from partnerships.selectors.practices import practices_for_user


def _practices(ids):
    for practice in Practice.objects.filter(pk__in=ids).select_related("source_edition"):
        url = reverse("admin:partnerships_practice_change", args=[practice.pk])
        edition = practice.source_edition
        years = (
            " ".join(str(y) for y in (edition.year_start, edition.year_end) if y) if edition else ""
        )
        original = {"en": "en-gb"}.get(practice.original_language, practice.original_language)
        yield SearchDocument(practice.pk, original, practice.title, practice.summary, years, url)
        for lang, suffix in (("fr", "_fr"), ("es", "_es")):
            if lang != original and (summary := getattr(practice, f"summary{suffix}")):
                title = getattr(practice, f"title{suffix}") or practice.title
                yield SearchDocument(practice.pk, lang, title, summary, years, url)


def register_sources() -> None:
    register(
        SearchSource(
            "practice", _("Practice"), "partnerships.practice", _practices, practices_for_user
        )
    )
