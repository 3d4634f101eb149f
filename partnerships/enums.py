"""States of the Platform for Partnerships and their transition tables (data, next to the
enums: the admin, the API and the tests read the same tables)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gfmd.platform.transitions import Transition, TransitionTable


class PracticeState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned")
    ARCHIVED = "archived", _("Archived")


class ContentLanguage(models.TextChoices):
    """The language a practice was written in (its original texts' language)."""

    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")


MODERATE = "partnerships.moderate_practice"

PRACTICE_TRANSITIONS = TransitionTable(
    "partnerships.practice",
    "state",
    Transition(
        "start_review",
        _("Start review"),
        (PracticeState.SUBMITTED,),
        PracticeState.IN_REVIEW,
        MODERATE,
    ),
    Transition(
        "publish", _("Publish"), (PracticeState.IN_REVIEW,), PracticeState.PUBLISHED, MODERATE
    ),
    # Returned to the submitter with a reason (required by the service).
    Transition(
        "return",
        _("Return"),
        (PracticeState.SUBMITTED, PracticeState.IN_REVIEW),
        PracticeState.RETURNED,
        MODERATE,
    ),
    Transition(
        "archive",
        _("Archive"),
        (
            PracticeState.SUBMITTED,
            PracticeState.IN_REVIEW,
            PracticeState.PUBLISHED,
            PracticeState.RETURNED,
        ),
        PracticeState.ARCHIVED,
        MODERATE,
    ),
    Transition(
        "resubmit",
        _("Resubmit"),
        (PracticeState.RETURNED,),
        PracticeState.SUBMITTED,
        "partnerships.resubmit_practice",
    ),
)


class TalkCallState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    DECIDED = "decided", _("Decided")


TALK_CALL_TRANSITIONS = TransitionTable(
    "partnerships.talkcall",
    "state",
    Transition(
        "close",
        _("Close"),
        (TalkCallState.OPEN,),
        TalkCallState.CLOSED,
        "partnerships.manage_talkcall",
    ),
    Transition(
        "decide",
        _("Decide"),
        (TalkCallState.CLOSED,),
        TalkCallState.DECIDED,
        "partnerships.manage_talkcall",
    ),
)


class TalkOutcome(models.TextChoices):
    """The selection's verdict on a talk proposal (the values of the selection engine's
    outcomes, gfmd/platform/selection.py)."""

    PENDING = "", _("Not decided")
    SELECTED = "selected", _("Selected")
    WAITLISTED = "waitlisted", _("Waitlisted")
    OUT = "out", _("Not selected")
