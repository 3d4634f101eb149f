"""The document translation workflow: request, assign, move through the one engine, remind.

Every document kind uses these functions; what differs per kind (original language,
version numbers, who drafts and who reads) comes from its `DocumentKind`
(`gfmd/platform/translations.py`). Each step writes the activity log and a `translation.*`
webhook event in the caller's transaction; emails are Notification rows sent after commit.
"""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import DocumentTranslation
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.notifications import notify
from gfmd.platform.services.transitions import Webhook, require_reason, transition_run
from gfmd.platform.services.webhooks import webhook_emit
from gfmd.platform.translations import (
    DOCUMENT_TEXT_MAX_CHARS,
    LIVE_STATES,
    OWED_STATES,
    TRANSLATION_TRANSITIONS,
    DocumentKind,
    TranslationKind,
    TranslationState,
    kind_of,
    language_codes,
    language_name,
)
from gfmd.platform.uploads import check_upload

VIEW_PERM = "gfmd.view_documenttranslation"


def document_kind(document) -> DocumentKind:
    kind = kind_of(document)
    if kind is None:
        raise DomainError(
            _("Translations cannot be requested for this kind of document."), field="document"
        )
    return kind


def translation_payload(translation: DocumentTranslation, previous: str | None = None) -> dict:
    """The webhook data (keys are not translated: partners read them)."""
    document = translation.document
    kind = kind_of(document)
    return {
        "id": translation.pk,
        "document_kind": f"{translation.content_type.app_label}.{translation.content_type.model}",
        "document": translation.object_id,
        "version": kind.number(document) if kind else None,
        "language": translation.language,
        "kind": translation.kind,
        "from": previous,
        "to": translation.state,
        "due_date": translation.due_date.isoformat() if translation.due_date else None,
    }


def _state_changed(translation, previous, transition) -> dict:
    return {**translation_payload(translation, previous or None), "transition": transition.name}


STATE_CHANGED = Webhook("translation.state_changed", _state_changed, VIEW_PERM)


def _check_translator(translator, translator_name: str) -> str:
    translator_name = (translator_name or "").strip()
    if translator is not None and translator_name:
        raise DomainError(
            _("Name a translator's account or an external service, not both."),
            field="translator_name",
        )
    return translator_name


@transaction.atomic
def translations_request(
    *,
    actor,
    document,
    languages,
    kind: str = TranslationKind.HUMAN,
    due_date: date | None = None,
    translator=None,
    translator_name: str = "",
    note: str = "",
) -> list[DocumentTranslation]:
    """Request translations of one document version into one or more languages at once."""
    doc_kind = document_kind(document)
    original = doc_kind.original_language(document)
    wanted = list(dict.fromkeys(languages or []))
    if not wanted:
        raise DomainError(_("Choose at least one language."), field="languages")
    for code in wanted:
        if code not in language_codes():
            raise DomainError(_("Unknown language '%(code)s'.") % {"code": code}, field="languages")
        if code == original:
            raise DomainError(
                _("The version is written in %(language)s; choose another language.")
                % {"language": language_name(code)},
                field="languages",
            )
    if kind not in TranslationKind.values or kind == TranslationKind.ORIGINAL:
        raise DomainError(_("Request a human or a machine translation."), field="kind")
    if due_date is not None and due_date < timezone.localdate():
        raise DomainError(_("The due date cannot lie in the past."), field="due_date")
    translator_name = _check_translator(translator, translator_name)
    if doc_kind.check_request is not None:
        doc_kind.check_request(document)
    content_type = ContentType.objects.get_for_model(document)
    live = DocumentTranslation.objects.select_for_update().filter(
        content_type=content_type,
        object_id=document.pk,
        language__in=wanted,
        state__in=LIVE_STATES,
    )
    taken = sorted({t.language for t in live})
    if taken:
        raise ConflictError(
            _("A translation of %(document)s into %(languages)s already exists.")
            % {
                "document": doc_kind.describe(document),
                "languages": ", ".join(language_name(code) for code in taken),
            },
            code="translation_exists",
        )
    user = actor if getattr(actor, "is_authenticated", False) else None
    created = []
    for code in wanted:
        translation = DocumentTranslation.objects.create(
            content_type=content_type,
            object_id=document.pk,
            language=code,
            kind=kind,
            translator=translator,
            translator_name=translator_name,
            due_date=due_date,
            note=note,
            requested_by=user,
            state_changed_at=timezone.now(),
        )
        translation.document = document
        data = translation_payload(translation)
        log_action(actor, translation, "translation.request", data)
        webhook_emit("translation.requested", data, obj=translation, perm=VIEW_PERM)
        created.append(translation)
    return created


def _lock(translation: DocumentTranslation) -> DocumentTranslation:
    locked = DocumentTranslation.objects.select_for_update(of=("self",)).get(pk=translation.pk)
    locked.document = translation.document
    return locked


@transaction.atomic
def translation_assign(
    *,
    actor,
    translation: DocumentTranslation,
    translator=None,
    translator_name: str = "",
    due_date: date | None = None,
) -> DocumentTranslation:
    """Name the translator (an account or an external service) and the due date."""
    translation = _lock(translation)
    if translation.state not in OWED_STATES:
        raise ConflictError(
            _("Only a requested translation or one in translation can be assigned."),
            code="invalid_transition",
        )
    translator_name = _check_translator(translator, translator_name)
    if translation.state != TranslationState.REQUESTED and not (translator or translator_name):
        raise DomainError(_("A translation in progress keeps a translator."), field="translator")
    if due_date is not None and due_date < timezone.localdate():
        raise DomainError(_("The due date cannot lie in the past."), field="due_date")
    before = {
        "translator": translation.translator_id,
        "translator_name": translation.translator_name,
        "due_date": translation.due_date.isoformat() if translation.due_date else None,
    }
    translation.translator = translator
    translation.translator_name = translator_name
    translation.due_date = due_date
    translation.save(update_fields=["translator", "translator_name", "due_date"])
    log_action(
        actor,
        translation,
        "translation.assign",
        {
            "before": before,
            "translator": translation.translator_id,
            "translator_name": translation.translator_name,
            "due_date": due_date.isoformat() if due_date else None,
        },
    )
    return translation


def _set_content(translation: DocumentTranslation, *, text, upload) -> list[str]:
    fields = []
    if upload is not None:
        checked = check_upload(upload)
        translation.file.save(checked.name, ContentFile(checked.content), save=False)
        translation.original_filename = checked.name
        translation.media_type = checked.content_type
        translation.size = checked.size
        translation.checksum = checked.checksum
        translation.text = checked.text
        fields += ["file", "original_filename", "media_type", "size", "checksum", "text"]
    if text is not None and text.strip():
        if len(text) > DOCUMENT_TEXT_MAX_CHARS:
            raise DomainError(
                _("A translation's text has at most %(limit)d characters.")
                % {"limit": DOCUMENT_TEXT_MAX_CHARS},
                field="text",
            )
        translation.text = text
        if "text" not in fields:
            fields.append("text")
    return fields


def _notify_user(user, key: str, subject: str, body: str) -> None:
    if user is not None and user.email:
        notify(key=key, email=user.email, user=user, subject=subject, body=body)


@transaction.atomic
def translation_transition(
    *,
    actor,
    translation: DocumentTranslation,
    name: str,
    reason: str = "",
    text: str | None = None,
    upload=None,
) -> DocumentTranslation:
    """Move a translation along TRANSLATION_TRANSITIONS (the one engine does the step)."""
    document = translation.document
    translation = _lock(translation)
    doc_kind = document_kind(document)
    step = TRANSLATION_TRANSITIONS.named(name)
    fields: list[str] = []
    user = actor if getattr(actor, "is_authenticated", False) else None

    def prepare(t):
        if step.name == "start":
            if t.kind != TranslationKind.ORIGINAL and not (t.translator_id or t.translator_name):
                raise ConflictError(
                    _("Assign a translator before the translation starts."),
                    code="no_translator",
                )
        elif step.name == "submit":
            fields.extend(_set_content(t, text=text, upload=upload))
            if not t.file and not t.text:
                raise DomainError(
                    _("Attach the translated file or give the translated text."), field="text"
                )
        elif step.name == "return_to_translation":
            require_reason(reason, _("returning the translation"))
        elif step.name == "publish":
            if user is None or getattr(user, "partner_client", None) is not None:
                raise ConflictError(
                    _("A translation is approved by a person."), code="approver_required"
                )
            if t.translator_id == user.pk:
                raise ConflictError(
                    _("The translator cannot approve their own translation."),
                    code="approver_is_translator",
                )
            t.approved_by = user
            t.approved_at = timezone.now()
            fields.extend(["approved_by", "approved_at"])
        elif step.name == "withdraw":
            require_reason(reason, _("withdrawing the translation"))
        return {"language": t.language, "version": doc_kind.number(document)}

    def after(t):
        subject_doc = doc_kind.describe(document)
        if step.name == "start" and t.translator_id:
            _notify_user(
                t.translator,
                f"doctr:{t.pk}:start:{t.translator_id}",
                _("Translation assigned: %(document)s") % {"document": subject_doc},
                (
                    _("Please translate %(document)s into %(language)s by %(date)s.")
                    if t.due_date
                    else _("Please translate %(document)s into %(language)s.")
                )
                % {
                    "document": subject_doc,
                    "language": language_name(t.language),
                    "date": t.due_date.isoformat() if t.due_date else "",
                },
            )
        if step.name == "submit" and t.requested_by_id:
            _notify_user(
                t.requested_by,
                f"doctr:{t.pk}:submit:{timezone.now().timestamp():.0f}",
                _("Translation ready for review: %(document)s") % {"document": subject_doc},
                _("The %(language)s translation of %(document)s awaits your review.")
                % {"document": subject_doc, "language": language_name(t.language)},
            )

    return transition_run(
        translation,
        step.name,
        actor=actor,
        table=TRANSLATION_TRANSITIONS,
        action=f"translation.{step.name}",
        reason=(reason or "").strip(),
        lock=False,
        prepare=prepare,
        fields=fields,
        webhook=STATE_CHANGED,
        notify=after,
    )


def translations_remind_due(*, days_before: int, today: date | None = None) -> int:
    """Remind the translator (or, for an external service, whoever requested it) of each
    translation still owed and due within `days_before` days. The Notification key holds the
    due date: each recipient is reminded once per due date, however often this runs."""
    today = today or timezone.localdate()
    owed = (
        DocumentTranslation.objects.filter(
            state__in=OWED_STATES,
            due_date__gte=today,
            due_date__lte=today + timedelta(days=days_before),
        )
        .select_related("translator", "requested_by", "content_type")
        .prefetch_related("document")
        .order_by("due_date", "id")
    )
    sent = 0
    for translation in owed:
        recipient = translation.translator or translation.requested_by
        if recipient is None or not recipient.email:
            continue
        doc_kind = kind_of(translation.document)
        described = doc_kind.describe(translation.document) if doc_kind else str(translation)
        sent += bool(
            notify(
                key=f"doctr-due:{translation.pk}:{translation.due_date.isoformat()}:{recipient.pk}",
                email=recipient.email,
                user=recipient,
                subject=_("Translation due on %(date)s: %(document)s")
                % {"date": translation.due_date.isoformat(), "document": described},
                body=_("The %(language)s translation of %(document)s is due on %(date)s.")
                % {
                    "language": language_name(translation.language),
                    "document": described,
                    "date": translation.due_date.isoformat(),
                },
            )
        )
    return sent
