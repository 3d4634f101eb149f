"""A government's candidature to chair a (future) edition, from offer to hand-over.

The pipeline is CANDIDATURE_TRANSITIONS (gfmd/enums.py). Endorsement needs a Steering
Group decision (`endorsement`, a MeetingDecision): the database requires the link from the
endorsed state on, the service and `clean()` check that it is a Steering Group decision
that endorses or adopts. Confirmation makes the government a chair of the edition (an
EditionChair row, `chair`), whose term dates drive the troika.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.enums import (
    ACTIVE_CANDIDATURE_STATES,
    APPROVING_OUTCOMES,
    CHAIR_STATES,
    CandidatureState,
    MeetingBody,
)
from gfmd.platform.models.checks import CheckConstraint

ENDORSED_ON = (CandidatureState.ENDORSED, *CHAIR_STATES)


class Candidature(models.Model):
    edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.PROTECT,
        related_name="candidatures",
        verbose_name=_("edition"),
    )
    country = models.ForeignKey(
        "gfmd.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    state = models.CharField(
        _("state"),
        max_length=30,
        choices=CandidatureState.choices,
        default=CandidatureState.OFFERED,
    )
    offered_on = models.DateField(_("offered on"))
    endorsement = models.ForeignKey(
        "gfmd.MeetingDecision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("endorsement"),
        help_text=_("The Steering Group decision endorsing the candidature."),
    )
    chair = models.OneToOneField(
        "gfmd.EditionChair",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidature",
        verbose_name=_("chair"),
    )
    note = models.TextField(_("note"), blank=True)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("chair candidature")
        verbose_name_plural = _("chair candidatures")
        ordering = ["edition__ordinal", "offered_on", "id"]
        permissions = [("transition_candidature", "Can move a chair candidature")]
        constraints = [
            CheckConstraint(
                condition=~Q(state__in=ENDORSED_ON) | Q(endorsement__isnull=False),
                name="candidature_endorsed_by_decision",
                fields=["endorsement"],
                violation_error_message=_(
                    "An endorsed candidature needs the Steering Group decision endorsing it."
                ),
            ),
            CheckConstraint(
                condition=~Q(state__in=CHAIR_STATES) | Q(chair__isnull=False),
                name="candidature_confirmed_has_chair",
                fields=["chair"],
                violation_error_message=_("A confirmed candidature makes its government a chair."),
            ),
            models.UniqueConstraint(
                fields=["edition", "country"],
                condition=Q(state__in=ACTIVE_CANDIDATURE_STATES),
                name="candidature_active_once",
                violation_error_message=_(
                    "This government already has a candidature for this edition."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("%(country)s for %(edition)s") % {"country": self.country, "edition": self.edition}

    def clean(self):
        errors = {}
        if self.country_id and not self.country.is_state:
            errors["country"] = _(
                "%(country)s is not a state; only governments chair the Forum."
            ) % {"country": self.country}
        if self.endorsement_id:
            problem = endorsement_problem(self.endorsement)
            if problem:
                errors["endorsement"] = problem
        elif self.state in ENDORSED_ON:
            errors["endorsement"] = _(
                "An endorsed candidature needs the Steering Group decision endorsing it."
            )
        if errors:
            raise ValidationError(errors)


def endorsement_problem(decision) -> str:
    """Why `decision` cannot endorse a candidature ("" when it can)."""
    if decision.agenda_item.meeting.body != MeetingBody.STEERING_GROUP:
        return str(_("The endorsement must be a decision of a Steering Group meeting."))
    if decision.outcome not in APPROVING_OUTCOMES:
        return str(
            _("The decision %(outcome)s the candidature; it must endorse or adopt it.")
            % {"outcome": decision.get_outcome_display().lower()}
        )
    return ""
