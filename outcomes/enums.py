"""Choices of the outcomes app: tagging schemes, recommendations, follow-up, IMRF reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gfmd.platform.transitions import Transition, TransitionTable


class Scheme(models.TextChoices):
    """A framework content can be tagged with."""

    GCM = "gcm", _("Global Compact for Migration objectives")
    SDG = "sdg", _("Sustainable Development Goal targets")


class Addressee(models.TextChoices):
    GOVERNMENTS = "governments", _("Governments")
    MECHANISMS = "mechanisms", _("Stakeholder mechanisms")
    FORUM = "forum", _("The Forum")


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    SUPERSEDED = "superseded", _("Superseded")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")


P_MANAGE_REPORT = "outcomes.change_imrfreport"

REPORT_TRANSITIONS = TransitionTable(
    "outcomes.imrfreport",
    "state",
    Transition(
        "submit",
        _("Submit for review"),
        (ReportState.DRAFT,),
        ReportState.IN_REVIEW,
        P_MANAGE_REPORT,
    ),
    Transition(
        "return",
        _("Return to draft"),
        (ReportState.IN_REVIEW,),
        ReportState.DRAFT,
        P_MANAGE_REPORT,
    ),
    Transition(
        "approve", _("Approve"), (ReportState.IN_REVIEW,), ReportState.APPROVED, P_MANAGE_REPORT
    ),
)


class GenerationState(models.TextChoices):
    IDLE = "idle", _("Idle")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SectionOrigin(models.TextChoices):
    GENERATED = "generated", _("Generated")
    EDITED = "edited", _("Edited by staff")
