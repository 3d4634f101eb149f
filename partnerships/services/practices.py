"""Practices: submission (partner systems, staff), updates, the logo or image, and
moderation through the one transition engine (PRACTICE_TRANSITIONS)."""

import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.notifications import notify
from gfmd.platform.services.records import record_save
from gfmd.platform.services.transitions import Webhook, require_reason, transition_run
from gfmd.platform.services.webhooks import webhook_emit
from gfmd.platform.uploads import check_image
from outcomes.registry import subject_for
from outcomes.services.tagging import tags_set
from partnerships.enums import PRACTICE_TRANSITIONS, PracticeState
from partnerships.models import Practice

VIEW = "partnerships.view_practice"
RELATIONS = ("countries", "organisations", "themes")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def practice_check(practice: Practice, relations: dict) -> None:
    """Rules a constraint cannot hold (many-to-many), checked before anything is written."""
    countries = relations.get("countries")
    if countries is None and practice.pk:
        countries = list(practice.countries.all())
    if practice.is_global and countries:
        raise DomainError(
            _("A global practice has no implementing countries; clear one or the other."),
            field="countries",
        )
    if not practice.is_global and not countries:
        raise DomainError(
            _("Name the implementing countries, or mark the practice as global."),
            field="countries",
        )
    for code in practice.languages:
        if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
            raise DomainError(
                _("Languages are ISO 639 codes such as en, fr, es, ar."), field="languages"
            )
    _complete_source(practice)


def _complete_source(practice: Practice) -> None:
    """A paper names its session, a session its edition: fill them in, refuse a mismatch."""
    paper, session = practice.source_paper, practice.source_session
    if paper is not None:
        if session is not None and session.pk != paper.session_id:
            raise DomainError(_("The paper belongs to another session."), field="source_session")
        practice.source_session = session = paper.session
        if session is None:  # a Chair's document: no session, its own edition
            if practice.source_edition_id not in (None, paper.edition_id):
                raise DomainError(
                    _("The paper belongs to another edition."), field="source_edition"
                )
            practice.source_edition_id = paper.edition_id
    if session is not None:
        edition_id = session.roundtable.edition_id
        if practice.source_edition_id not in (None, edition_id):
            raise DomainError(_("The session belongs to another edition."), field="source_edition")
        practice.source_edition_id = edition_id
    if practice.source_edition_id is None:
        raise DomainError(
            _("Name the GFMD source: an edition, a session or a paper."), field="source_edition"
        )


def _set_relations(practice: Practice, relations: dict) -> None:
    for name in RELATIONS:
        if relations.get(name) is not None:
            getattr(practice, name).set(relations[name])


def _tag(actor, practice: Practice, objectives, sdg_targets) -> None:
    """GCM objectives and SDG targets through outcomes' one tagging path (refused when the
    source edition's policy has the scheme off)."""
    if objectives is None and sdg_targets is None:
        return
    tags_set(
        actor=actor,
        subject=subject_for("practice"),
        obj=practice,
        objectives=objectives,
        sdg_targets=sdg_targets,
    )


def _payload(practice: Practice, previous: str | None = None) -> dict:
    return {
        "practice": practice.pk,
        "title": practice.title,
        "state": practice.state,
        "previous_state": previous,
        "external_ref": practice.external_ref,
    }


@transaction.atomic
def practice_submit(
    *, actor, external_ref: str = "", image=None, objectives=None, sdg_targets=None, **fields
) -> tuple:
    """Submit a practice (state: submitted). A partner system resubmitting its
    `external_ref` gets the practice it submitted before: returns (practice, created)."""
    submitter = actor if getattr(actor, "is_authenticated", False) else None
    if external_ref and submitter is not None:
        existing = Practice.objects.filter(submitted_by=submitter, external_ref=external_ref)
        found = existing.first()
        if found is not None:
            return found, False
    relations = {name: fields.pop(name, None) for name in RELATIONS}
    practice = Practice(
        submitted_by=submitter,
        external_ref=external_ref,
        state=PracticeState.SUBMITTED,
        state_changed_at=timezone.now(),
        **fields,
    )
    practice_check(practice, relations)
    record_save(actor=actor, instance=practice, action="practice.submit")
    _set_relations(practice, relations)
    _tag(actor, practice, objectives, sdg_targets)
    if image is not None:
        _store_image(practice, image)
    webhook_emit("practice.submitted", _payload(practice), obj=practice, perm=VIEW)
    return practice, True


@transaction.atomic
def practice_update(
    *, actor, practice: Practice, image=None, objectives=None, sdg_targets=None, **fields
) -> Practice:
    """Change a practice's content. An archived practice is not edited any more."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.state == PracticeState.ARCHIVED:
        raise ConflictError(_("An archived practice is not edited."), code="invalid_transition")
    relations = {name: fields.pop(name, None) for name in RELATIONS}
    for name, value in fields.items():
        setattr(practice, name, value)
    practice_check(practice, relations)
    record_save(actor=actor, instance=practice)
    _set_relations(practice, relations)
    _tag(actor, practice, objectives, sdg_targets)
    if image is not None:
        _store_image(practice, image)
    return practice


def _store_image(practice: Practice, upload) -> None:
    checked = check_image(upload)  # magic bytes, bounds, re-encoded; never SVG
    practice.image.save(f"{practice.pk}-{checked.name}", ContentFile(checked.content), save=False)
    practice.image_checksum = checked.checksum
    practice.save(update_fields=["image", "image_checksum"])


def practice_transition(*, actor, practice: Practice, name: str, reason: str = "") -> Practice:
    """Moderate: start review, publish, return (reason required), archive; or resubmit a
    returned practice. The submitter hears of it in their own language."""

    def prepare(practice):
        if name == "return":
            practice.return_reason = require_reason(reason, _("returning the practice"))
        elif name == "resubmit":
            practice.return_reason = ""
        if name == "publish":
            practice.published_at = timezone.now()
        return {}

    return transition_run(
        practice,
        name,
        actor=actor,
        table=PRACTICE_TRANSITIONS,
        action=f"practice.{name}",
        reason=reason,
        prepare=prepare,
        fields=["return_reason", "published_at"],
        webhook=Webhook(
            "practice.state_changed",
            lambda practice, previous, step: _payload(practice, previous),
            VIEW,
        ),
        notify=lambda practice: _tell_submitter(practice, name, reason),
    )


TOLD = {"publish", "return", "archive"}


def _tell_submitter(practice: Practice, name: str, reason: str) -> None:
    user = practice.submitted_by
    email = practice.contact_email or getattr(user, "email", "")
    if name not in TOLD or not email:
        return

    def render():
        values = {"title": practice.title, "reason": reason}
        if name == "publish":
            return (
                _("Your practice is published: %(title)s") % values,
                _("The Platform for Partnerships now shows your practice “%(title)s”.") % values,
            )
        if name == "return":
            return (
                _("Your practice was returned: %(title)s") % values,
                _(
                    "The Support Unit returned your practice “%(title)s” for changes: "
                    "%(reason)s\nChange it and submit it again."
                )
                % values,
            )
        return (
            _("Your practice was archived: %(title)s") % values,
            _("The practice “%(title)s” is no longer shown on the Platform for Partnerships.")
            % values,
        )

    # A person writes in their saved language; a partner system's contact is written to
    # in the language the practice was submitted in.
    person = user is not None and not hasattr(user, "partner_client")
    notify(
        key=f"practice:{practice.pk}:{name}:{practice.state_changed_at.isoformat()}",
        email=email,
        user=user if person else None,
        render=render,
        language=None if person else practice.original_language,
    )
