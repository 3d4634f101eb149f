from decimal import Decimal

from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _

from gfmd.enums import M49_REGIONS
from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.models.pgconstraints import PostgresExclusionConstraint


class SteeringGroupMembership(models.Model):
    """A government's term on the Steering Group. Open-ended while `end_date` is empty."""

    country = models.ForeignKey(
        "gfmd.Country",
        on_delete=models.PROTECT,
        related_name="steering_terms",
        verbose_name=_("country"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    joined_edition = models.ForeignKey(
        "gfmd.Edition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("joined edition"),
    )
    left_edition = models.ForeignKey(
        "gfmd.Edition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("left edition"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name_plural = _("Steering Group memberships")
        ordering = ["country__name", "start_date"]
        verbose_name = _("Steering Group membership")
        constraints = [
            CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="steering_dates_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            PostgresExclusionConstraint(
                name="steering_terms_no_overlap",
                expressions=[
                    ("country", RangeOperators.EQUAL),
                    (
                        Func(
                            F("start_date"),
                            F("end_date"),
                            Value("[]"),
                            function="daterange",
                            output_field=DateRangeField(),
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                violation_error_message=_(
                    "This government already has a Steering Group term overlapping these dates."
                ),
            ),
        ]

    def __str__(self) -> str:
        until = self.end_date.isoformat() if self.end_date else "present"
        return f"{self.country} ({self.start_date.isoformat()} - {until})"

    def clean(self):
        if self.country_id and not self.country.is_state:
            raise ValidationError(
                {
                    "country": _(
                        "%(country)s is not a state; the Steering Group is made up of governments."
                    )
                    % {"country": self.country}
                }
            )
        if self.country_id and self.start_date:
            overlapping = SteeringGroupMembership.objects.filter(country_id=self.country_id)
            overlapping = overlapping.exclude(pk=self.pk).filter(
                Q(end_date__isnull=True) | Q(end_date__gte=self.start_date)
            )
            if self.end_date:
                overlapping = overlapping.filter(start_date__lte=self.end_date)
            if overlapping.exists():
                raise ValidationError(
                    {
                        "start_date": _(
                            "This government already has a Steering Group term "
                            "overlapping these dates."
                        )
                    }
                )


class BalancePolicy(models.Model):
    """The Steering Group balance policy in force from a date: data, not code."""

    effective_from = models.DateField(_("effective from"), unique=True)
    target_developed_share = models.DecimalField(
        _("target developed share"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Target share of developed countries, e.g. 0.50 for an even balance."),
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.10"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Allowed distance from the target share before a warning."),
    )
    required_regions = models.JSONField(
        _("required regions"),
        default=list,
        blank=True,
        help_text=_("M49 regions that must be represented."),
    )
    max_consecutive_years = models.PositiveSmallIntegerField(
        _("maximum consecutive years"),
        null=True,
        blank=True,
        help_text=_(
            "Informal rotation rule: members who have served this many consecutive years are "
            "shown as due to rotate off (a warning, not a rule). Empty: no rotation rule."
        ),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("balance policy")
        ordering = ["-effective_from"]
        verbose_name_plural = _("balance policies")
        constraints = [
            CheckConstraint(
                condition=Q(target_developed_share__gte=0) & Q(target_developed_share__lte=1),
                name="balancepolicy_share_range",
                violation_error_message=_("The target share lies between 0 and 1."),
            ),
            CheckConstraint(
                condition=Q(tolerance__gte=0) & Q(tolerance__lte=1),
                name="balancepolicy_tolerance_range",
                violation_error_message=_("The tolerance lies between 0 and 1."),
            ),
            CheckConstraint(
                condition=Q(max_consecutive_years__isnull=True) | Q(max_consecutive_years__gte=1),
                name="balancepolicy_rotation_positive",
                violation_error_message=_("The rotation rule counts at least one year."),
            ),
        ]

    def __str__(self) -> str:
        return _("Balance policy from %(date)s") % {"date": self.effective_from.isoformat()}

    def clean(self):
        regions = self.required_regions
        if not isinstance(regions, list) or any(r not in M49_REGIONS for r in regions):
            raise ValidationError(
                {
                    "required_regions": _("Give a list of M49 regions from: %(regions)s.")
                    % {"regions": ", ".join(M49_REGIONS)}
                }
            )
