"""Read queries for the language versions of paper versions, scoped like the versions.

Readers see a translation when they may read the version and it is published; those who
draft the paper (DRAFTER_ROLES, staff) see every one; a translator sees those assigned to
them. The paper, the version's number and the paper's latest number come as annotations
(no query per row), so the payload can say "translation of version 3; version 4 exists".
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery

from gfmd.platform.models import DocumentTranslation
from gfmd.platform.roles import is_support_staff
from gfmd.platform.translations import TranslationState
from roundtables.models import PaperVersion
from roundtables.selectors.papers import _paper_grants_q, visible_versions_q


def _annotated(queryset):
    version = PaperVersion.objects.filter(pk=OuterRef("object_id"))
    latest = PaperVersion.objects.filter(paper_id=OuterRef("paper_ref")).order_by("-number")
    return (
        queryset.annotate(
            paper_ref=Subquery(version.values("paper_id")[:1]),
            version_number=Subquery(version.values("number")[:1]),
        )
        .annotate(latest_number=Subquery(latest.values("number")[:1]))
        .select_related("translator", "approved_by")
    )


def paper_translations():
    """Every translation of a paper version (staff, admin)."""
    return _annotated(
        DocumentTranslation.objects.filter(
            content_type=ContentType.objects.get_for_model(PaperVersion)
        )
    ).order_by("paper_ref", "version_number", "language", "id")


def paper_translations_for_user(user):
    translations = paper_translations()
    if is_support_staff(user):
        return translations
    visible = PaperVersion.objects.filter(visible_versions_q(user)).values("id")
    drafting, _consultation, _final = _paper_grants_q(user, prefix="paper__")
    drafted = PaperVersion.objects.filter(drafting).values("id")
    condition = Q(object_id__in=visible) & (
        Q(state=TranslationState.PUBLISHED) | Q(object_id__in=drafted)
    )
    if getattr(user, "is_authenticated", False):
        condition |= Q(translator_id=user.pk)
    return translations.filter(condition)
