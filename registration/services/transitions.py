"""The one way a participant changes state: `participant_move`, through the transition
engine (activity entry, `registration.participant_state_changed` webhook, and the email to
the participant in the participant's own language, sent after commit)."""

from django.utils.translation import gettext_lazy as _

from gfmd.platform.services.notifications import notify
from gfmd.platform.services.transitions import Webhook, require_reason, transition_run
from registration.enums import PARTICIPANT_TRANSITIONS, ParticipantState
from registration.models import Participant

STATE_CHANGED = "registration.participant_state_changed"


def participant_payload(participant: Participant, previous: str, step) -> dict:
    """The webhook's data: no personal data beyond the name a delegation gave."""
    return {
        "participant": participant.pk,
        "registration": participant.registration_id,
        "meeting": participant.registration.meeting_id,
        "category": participant.category.code,
        "country": participant.country.iso3 if participant.country_id else None,
        "organisation": participant.organisation_id,
        "from": previous or None,
        "to": participant.state,
        "waitlist_position": participant.waitlist_position,
    }


# Subject and body per state reached, marked lazily and rendered in the participant's
# language by notify(render=...).
NOTICES = {
    ParticipantState.SUBMITTED: (
        _("Nomination received: %(meeting)s"),
        _(
            "Dear %(name)s,\n\nYour nomination to %(meeting)s has been received and will be "
            "reviewed by the GFMD Support Unit.\n\nThe GFMD Support Unit"
        ),
    ),
    ParticipantState.APPROVED: (
        _("Registration approved: %(meeting)s"),
        _(
            "Dear %(name)s,\n\nYour registration to %(meeting)s is approved.\n\n%(explanation)s"
            "\n\nThe GFMD Support Unit"
        ),
    ),
    ParticipantState.WAITLISTED: (
        _("Registration waitlisted: %(meeting)s"),
        _(
            "Dear %(name)s,\n\nYour registration to %(meeting)s is on the waitlist.\n\n"
            "%(explanation)s\n\nWe will write again when a seat is free.\n\nThe GFMD Support Unit"
        ),
    ),
    ParticipantState.REJECTED: (
        _("Your registration to %(meeting)s"),
        _(
            "Dear %(name)s,\n\nWe regret that your registration to %(meeting)s cannot be "
            "accepted.\n\nReason: %(reason)s\n\nThe GFMD Support Unit"
        ),
    ),
    ParticipantState.CANCELLED: (
        _("Registration cancelled: %(meeting)s"),
        _(
            "Dear %(name)s,\n\nYour registration to %(meeting)s has been cancelled.\n\n"
            "The GFMD Support Unit"
        ),
    ),
    ParticipantState.SUBSTITUTED: (
        _("Registration transferred: %(meeting)s"),
        _(
            "Dear %(name)s,\n\nYour delegation has named another person in your place for "
            "%(meeting)s.\n\nThe GFMD Support Unit"
        ),
    ),
}


def participant_notify(participant: Participant) -> None:
    """Queue the email for the state the participant has just reached (once per state)."""
    notice = NOTICES.get(ParticipantState(participant.state))
    if notice is None:
        return
    subject, body = notice

    def render():
        values = {
            "name": participant.full_name,
            "meeting": participant.registration.meeting.title,
            "explanation": participant.explanation,
            "reason": participant.reason,
        }
        return str(subject) % values, str(body) % values

    notify(
        key=f"registration:{participant.pk}:{participant.state}:{participant.state_changed_at:%s}",
        email=participant.email,
        render=render,
        language=participant.language,
    )


def participant_move(
    *,
    actor,
    participant: Participant,
    name: str,
    reason: str = "",
    prepare=None,
    fields=(),
    data: dict | None = None,
    lock: bool = True,
) -> Participant:
    """Run the transition `name` on the participant; the reason is required to reject."""
    if name == "reject":
        reason = require_reason(reason, str(_("the rejection")))

    def prepare_step(obj):
        if name == "reject" or (reason and name in ("cancel", "substitute")):
            obj.reason = reason
        extra = prepare(obj) if prepare is not None else None
        if PARTICIPANT_TRANSITIONS[name].target != ParticipantState.WAITLISTED:
            obj.waitlist_position = None
        return extra

    return transition_run(
        participant,
        name,
        actor=actor,
        table=PARTICIPANT_TRANSITIONS,
        reason=reason,
        lock=lock,
        prepare=prepare_step,
        fields=["reason", "waitlist_position", *fields],
        data=data,
        webhook=Webhook(STATE_CHANGED, participant_payload, perm="registration.view_participant"),
        notify=participant_notify,
    )
