"""Recommendations of the government meeting and their follow-up entries.

Follow-up entries are appended, never edited: a new status is a new entry, so the list of
entries is the recommendation's history (the admin and the API offer no change).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from gfmd.platform.errors import DomainError
from gfmd.platform.services.records import record_save
from outcomes.models import FollowUp, Recommendation
from outcomes.models.recommendations import outcome_document_error

TEXT_FIELDS = ("title", "title_fr", "title_es", "text", "text_fr", "text_es")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def recommendation_check(*, edition, session, outcome_document=None) -> None:
    if session is not None and session.roundtable.edition_id != edition.pk:
        raise DomainError(
            _("The session belongs to another edition than the recommendation."),
            field="session",
        )
    error = outcome_document_error(
        Recommendation(edition=edition, outcome_document=outcome_document)
    )
    if error:
        raise DomainError(error, field="outcome_document")


@transaction.atomic
def recommendation_create(
    *,
    actor,
    edition,
    addressed_to: str,
    session=None,
    outcome_document=None,
    source_label: str = "",
    **texts,
) -> Recommendation:
    recommendation_check(edition=edition, session=session, outcome_document=outcome_document)
    return record_save(
        actor=actor,
        instance=Recommendation(
            edition=edition,
            edition_ordinal=edition.ordinal,
            session=session,
            outcome_document=outcome_document,
            source_label=source_label,
            addressed_to=addressed_to,
            created_by=_user(actor),
            **{k: v for k, v in texts.items() if k in TEXT_FIELDS},
        ),
    )


@transaction.atomic
def recommendation_update(*, actor, recommendation: Recommendation, **changes) -> Recommendation:
    """Texts, addressee and source may change; the edition may not (its follow-ups are
    dated against it)."""
    allowed = {*TEXT_FIELDS, "addressed_to", "session", "outcome_document", "source_label"}
    for field, value in changes.items():
        if field not in allowed:
            raise DomainError(_("This field cannot be changed."), field=field)
        setattr(recommendation, field, value)
    recommendation_check(
        edition=recommendation.edition,
        session=recommendation.session,
        outcome_document=recommendation.outcome_document,
    )
    return record_save(actor=actor, instance=recommendation)


@transaction.atomic
def followup_record(
    *,
    actor,
    recommendation: Recommendation,
    edition,
    status: str,
    evidence: str = "",
    evidence_fr: str = "",
    evidence_es: str = "",
    reporting_country=None,
    reporting_organisation=None,
) -> FollowUp:
    """Append what became of `recommendation` by `edition` (that edition or a later one)."""
    if edition.ordinal < recommendation.edition_ordinal:
        raise DomainError(
            _("A follow-up cannot come from an edition before the recommendation's."),
            field="edition",
        )
    if (reporting_country is None) == (reporting_organisation is None):
        raise DomainError(
            _("A follow-up entry is reported by exactly one government or one body."),
            field="reporting_country",
        )
    return record_save(
        actor=actor,
        instance=FollowUp(
            recommendation=recommendation,
            recommendation_ordinal=recommendation.edition_ordinal,
            edition=edition,
            edition_ordinal=edition.ordinal,
            status=status,
            evidence=evidence,
            evidence_fr=evidence_fr,
            evidence_es=evidence_es,
            reporting_country=reporting_country,
            reporting_organisation=reporting_organisation,
            recorded_by=_user(actor),
        ),
    )
