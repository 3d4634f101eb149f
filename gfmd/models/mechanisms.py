"""Stakeholder mechanisms: the Forum is "state-led, not state-only".

Civil Society, the Business Mechanism, the Mayors Mechanism and youth take part in the
Forum's bodies with a role of their own: neither a government (member) nor an observer
organisation. Which mechanisms exist is data (rows), not an enum.
"""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from gfmd.enums import MechanismBody, MechanismOrganisationRole
from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import validate_visible_text, visible_text_constraint


class Mechanism(models.Model):
    """A stakeholder mechanism (Civil Society, Business, Mayors, Youth, ...)."""

    code = models.SlugField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("A short stable key, e.g. 'business' (used by the API and exports)."),
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_visible_text])
    name_fr = models.CharField(
        _("name (French)"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    name_es = models.CharField(
        _("name (Spanish)"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    description = models.TextField(_("description"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    since_year = models.PositiveSmallIntegerField(
        _("since"), help_text=_("The year the mechanism began taking part in the Forum.")
    )
    until_year = models.PositiveSmallIntegerField(
        _("until"), null=True, blank=True, help_text=_("Empty while the mechanism exists.")
    )
    website = models.URLField(_("website"), blank=True)
    organisations = models.ManyToManyField(
        "gfmd.Organisation",
        through="gfmd.MechanismOrganisation",
        related_name="mechanisms",
        verbose_name=_("coordinating organisations"),
    )

    class Meta:
        verbose_name = _("stakeholder mechanism")
        verbose_name_plural = _("stakeholder mechanisms")
        ordering = ["since_year", "name"]
        constraints = [
            visible_text_constraint("name", "mechanism_name_visible"),
            models.UniqueConstraint(
                Lower("name"),
                name="mechanism_name_unique_ci",
                violation_error_message=_("A mechanism with this name already exists."),
            ),
            CheckConstraint(
                condition=Q(until_year__isnull=True) | Q(until_year__gte=F("since_year")),
                name="mechanism_years_ordered",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def active_in(self, year: int) -> bool:
        return self.since_year <= year and (self.until_year is None or year <= self.until_year)


class MechanismOrganisation(models.Model):
    """An organisation that coordinates a mechanism, in a role (host, co-steering, ...)."""

    mechanism = models.ForeignKey(
        "gfmd.Mechanism",
        on_delete=models.CASCADE,
        related_name="coordinators",
        verbose_name=_("mechanism"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        on_delete=models.PROTECT,
        related_name="mechanism_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=MechanismOrganisationRole.choices)
    since_year = models.PositiveSmallIntegerField(_("since"), null=True, blank=True)
    until_year = models.PositiveSmallIntegerField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("coordinating organisation")
        verbose_name_plural = _("coordinating organisations")
        ordering = ["mechanism", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "organisation"],
                name="mechanismorganisation_once",
                violation_error_message=_("This organisation already coordinates the mechanism."),
            ),
            models.UniqueConstraint(
                fields=["mechanism"],
                condition=Q(role="host"),
                name="mechanismorganisation_one_host",
                violation_error_message=_("The mechanism already has a host."),
            ),
            CheckConstraint(
                condition=Q(role__in=MechanismOrganisationRole.values),
                name="mechanismorganisation_role_valid",
            ),
            CheckConstraint(
                condition=Q(until_year__isnull=True)
                | Q(since_year__isnull=True)
                | Q(until_year__gte=F("since_year")),
                name="mechanismorganisation_years_ordered",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()}, {self.mechanism})"


class MechanismParticipation(models.Model):
    """A mechanism's seat in the Steering Group or the Friends of the Forum, for a period.

    A role of its own: a mechanism is neither a member government nor an observer
    organisation, and the balance report lists it apart without counting it.
    """

    mechanism = models.ForeignKey(
        "gfmd.Mechanism",
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("mechanism"),
    )
    body = models.CharField(_("body"), max_length=30, choices=MechanismBody.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("mechanism participation")
        verbose_name_plural = _("mechanism participations")
        ordering = ["body", "mechanism__name", "start_date"]
        constraints = [
            CheckConstraint(
                condition=Q(body__in=MechanismBody.values),
                name="mechanismparticipation_body_valid",
            ),
            CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="mechanismparticipation_dates_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.UniqueConstraint(
                fields=["mechanism", "body", "start_date"],
                name="mechanismparticipation_once",
                violation_error_message=_(
                    "This mechanism already has a seat in this body from this date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mechanism} ({self.get_body_display()}, {self.start_date.isoformat()})"
