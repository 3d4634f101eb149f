"""A recorded decision on a meeting's agenda item (the Steering Group endorsing a Chair's
candidature, adopting a working group's deliverable or a text of its own).

The matter decided on is a generic link (`subject_type` + `subject_id`) so that any app
can point a decision at its own record without this model knowing it: a candidature (gfmd),
a working-group deliverable or an adopted document (their apps). Services that need a
decision of a given body and outcome check it themselves (e.g. the candidature
endorsement requires a Steering Group decision that endorses or adopts).
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.enums import DecisionOutcome
from gfmd.platform.models.checks import CheckConstraint


class MeetingDecision(models.Model):
    agenda_item = models.ForeignKey(
        "gfmd.AgendaItem",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("text"), help_text=_("The decision as recorded."))
    text_fr = models.TextField(_("text (French)"), blank=True)
    text_es = models.TextField(_("text (Spanish)"), blank=True)
    decided_on = models.DateField(_("decided on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    subject_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("subject type"),
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting decision")
        verbose_name_plural = _("meeting decisions")
        ordering = ["decided_on", "id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="decision_subject_idx"),
        ]
        constraints = [
            CheckConstraint(
                condition=~Q(text=""),
                name="meetingdecision_text_given",
                violation_error_message=_("Give the text of the decision."),
            ),
            CheckConstraint(
                condition=Q(subject_type__isnull=True, subject_id__isnull=True)
                | Q(subject_type__isnull=False, subject_id__isnull=False),
                name="meetingdecision_subject_complete",
                fields=["subject_id"],
                violation_error_message=_(
                    "Give both the kind and the id of the subject, or neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.decided_on.isoformat()}): {self.agenda_item}"

    def clean(self):
        errors = {}
        meeting = self.agenda_item.meeting if self.agenda_item_id else None
        if meeting and self.decided_on and self.decided_on < meeting.start_date:
            errors["decided_on"] = _("A decision cannot come before its meeting started.")
        if self.subject_type_id and self.subject_id:
            model = self.subject_type.model_class()
            if model is None or not model._base_manager.filter(pk=self.subject_id).exists():
                errors["subject_id"] = _("The subject does not exist.")
        if errors:
            raise ValidationError(errors)
