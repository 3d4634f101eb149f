"""Working paper versions as a document kind of the translation engine, and the
consultation gate the edition's translation policy sets.

The engine (request, assign, transitions, reminders) is the platform's
(`gfmd/platform/services/translations.py`); this module tells it what a paper version is
(`PAPER_VERSION_KIND`, registered by `RoundtablesConfig.ready`) and adds what only papers
have: requesting through the paper's own rules, and no consultation until every language
the edition requires is published for the version put out for consultation.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils.translation import gettext as _

from gfmd.models import RequiredTranslation
from gfmd.platform.errors import ConflictError
from gfmd.platform.models import DocumentTranslation
from gfmd.platform.roles import is_support_staff
from gfmd.platform.services.translations import translations_request
from gfmd.platform.translations import (
    DocumentKind,
    TranslationKind,
    TranslationState,
    language_name,
    register_document_kind,
)
from roundtables.enums import DRAFTER_ROLES, PaperState
from roundtables.models import PaperVersion, WorkingPaper
from roundtables.rules import paper_access, version_access


def _latest_number(version: PaperVersion) -> int:
    return version.paper.versions.aggregate(n=Max("number"))["n"] or version.number


def _describe(version: PaperVersion) -> str:
    paper = version.paper
    if paper.session_id is None:
        return _("%(document)s, version %(number)d") % {
            "document": paper.document_name(),
            "number": version.number,
        }
    return _("working paper %(code)s, version %(number)d") % {
        "code": paper.session.code,
        "number": version.number,
    }


def _may_draft(user, version: PaperVersion) -> bool:
    if is_support_staff(user):
        return True
    return bool({role for role, _text in paper_access(user, version.paper)} & DRAFTER_ROLES)


def _may_read(user, version: PaperVersion) -> bool:
    return is_support_staff(user) or version_access(user, version)[0]


def _check_request(version: PaperVersion) -> None:
    if version.paper.state == PaperState.WITHDRAWN:
        raise ConflictError(
            _("The paper is withdrawn; its versions are no longer translated."),
            code="paper_closed",
        )


PAPER_VERSION_KIND = DocumentKind(
    label="roundtables.paperversion",
    original_language=lambda version: version.original_language,
    number=lambda version: version.number,
    latest_number=_latest_number,
    describe=_describe,
    may_draft=_may_draft,
    may_read=_may_read,
    check_request=_check_request,
)


def register() -> None:
    register_document_kind(PAPER_VERSION_KIND)


def version_translations_request(
    *,
    actor,
    version: PaperVersion,
    languages,
    kind: str = TranslationKind.HUMAN,
    due_date=None,
    translator=None,
    translator_name: str = "",
    note: str = "",
) -> list[DocumentTranslation]:
    """Staff request the version's translation into one or both other languages."""
    return translations_request(
        actor=actor,
        document=version,
        languages=languages,
        kind=kind,
        due_date=due_date,
        translator=translator,
        translator_name=translator_name,
        note=note,
    )


def stale_notice(version_number: int | None, latest_number: int | None) -> str:
    """ "Translation of version 3; version 4 exists." when a newer version was added."""
    if version_number is None or latest_number is None or latest_number <= version_number:
        return ""
    return _("Translation of version %(number)d; version %(latest)d exists.") % {
        "number": version_number,
        "latest": latest_number,
    }


def consultation_translation_gate(paper: WorkingPaper) -> list[str]:
    """Refuse (409) while a language the edition requires has no published translation of
    the paper's latest version (the one put out for consultation). Returns the languages
    checked, for the activity entry. Called from `paper_open_consultation`'s prepare."""
    latest = paper.versions.order_by("-number").first()
    if latest is None:
        return []
    required = [
        code
        for code in RequiredTranslation.objects.filter(edition_id=paper.edition_id)
        .order_by("language")
        .values_list("language", flat=True)
        if code != latest.original_language
    ]
    if not required:
        return []
    published = set(
        DocumentTranslation.objects.filter(
            content_type=ContentType.objects.get_for_model(PaperVersion),
            object_id=latest.pk,
            language__in=required,
            state=TranslationState.PUBLISHED,
        ).values_list("language", flat=True)
    )
    missing = [code for code in required if code not in published]
    if missing:
        raise ConflictError(
            _(
                "Consultation cannot open: the edition requires the paper in %(languages)s, "
                "and the translation of version %(number)d is not published yet."
            )
            % {
                "languages": ", ".join(language_name(code) for code in missing),
                "number": latest.number,
            },
            code="translation_required",
        )
    return required
