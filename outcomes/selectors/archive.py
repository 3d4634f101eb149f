"""The public archive of outcome documents: rapporteur reports, Chair's conclusions and
Reports of Proceedings that staff published (roundtables' document engine, kinds with
`outcome=True`). Only public documents ever enter this queryset, so anonymous callers
read exactly what is public; one query per page (languages gathered in SQL)."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, Q

from gfmd.platform.models import DocumentTranslation
from gfmd.platform.translations import TranslationState
from roundtables.enums import FINAL_STATES, OUTCOME_KINDS
from roundtables.models import PaperVersion, WorkingPaper


def _published_translations():
    return DocumentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(PaperVersion),
        object_id=OuterRef("final_version_id"),
        state=TranslationState.PUBLISHED,
    )


def archive_documents(*, edition=None, kind=None, theme=None, language=None):
    """Published outcome documents, newest publication first; each filter optional."""
    documents = (
        WorkingPaper.objects.filter(kind__in=OUTCOME_KINDS, is_public=True, state__in=FINAL_STATES)
        .select_related("edition", "session__roundtable", "session__theme", "final_version")
        .annotate(
            translated_languages=ArraySubquery(
                _published_translations().order_by("language").values("language")
            )
        )
        .order_by("-published_at", "-id")
    )
    if edition is not None:
        documents = documents.filter(edition_id=edition)
    if kind is not None:
        documents = documents.filter(kind=kind)
    if theme is not None:
        documents = documents.filter(session__theme_id=theme)
    if language is not None:
        documents = documents.filter(
            Q(final_version__original_language=language)
            | Exists(_published_translations().filter(language=language))
        )
    return documents
