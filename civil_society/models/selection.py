from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import Outcome, ProposalStatus, Sector
from gfmd.platform.models.checks import CheckConstraint


class SelectionPolicy(models.Model):
    """How the places of one CSD edition are shared out: data staff configure, not code.

    See docs/civil_society.md for the algorithm that reads it.
    """

    csd_edition = models.OneToOneField(
        "civil_society.CSDEdition",
        on_delete=models.CASCADE,
        related_name="selection_policy",
        verbose_name=_("CSD edition"),
    )
    places = models.PositiveIntegerField(
        help_text=_("Number of delegate places."), verbose_name=_("places")
    )
    waitlist_size = models.PositiveIntegerField(default=20, verbose_name=_("waitlist size"))
    sector_minimums = models.JSONField(
        default=dict,
        blank=True,
        help_text=_('Minimum places per sector, e.g. {"trade_union": 10}.'),
        verbose_name=_("sector minimums"),
    )
    sector_min_shares = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            'Minimum share of places per sector, e.g. {"academia": "0.10"}; the larger '
            "of minimum and share applies."
        ),
        verbose_name=_("sector min shares"),
    )
    priority_bonus = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(0)],
        help_text=_(
            "Points added to the average review score of migrant- or diaspora-led "
            "organisations (priority)."
        ),
        verbose_name=_("priority bonus"),
    )
    min_per_region = models.PositiveSmallIntegerField(
        default=0,
        help_text=_(
            "Regional spread: at least this many places for every M49 region that has "
            "eligible candidates."
        ),
        verbose_name=_("min per region"),
    )
    max_region_share = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("Regional spread: no region takes more than this share of places."),
        verbose_name=_("max region share"),
    )
    max_per_organisation = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)], verbose_name=_("max per organisation")
    )
    min_reviews = models.PositiveSmallIntegerField(
        default=1,
        help_text=_("Reviews an application needs before its delegates can be selected."),
        verbose_name=_("min reviews"),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))

    class Meta:
        verbose_name = _("selection policy")
        verbose_name_plural = _("selection policies")
        constraints = [
            CheckConstraint(
                condition=Q(places__gte=1),
                name="selectionpolicy_places_positive",
                violation_error_message=_("There is at least one place."),
            ),
            CheckConstraint(
                condition=Q(max_per_organisation__gte=1),
                name="selectionpolicy_per_organisation_positive",
                violation_error_message=_("Each organisation may have at least one place."),
            ),
            CheckConstraint(
                condition=Q(max_region_share__isnull=True)
                | (Q(max_region_share__gt=0) & Q(max_region_share__lte=1)),
                name="selectionpolicy_region_share_range",
                violation_error_message=_("The regional share lies between 0 and 1."),
            ),
            CheckConstraint(
                condition=Q(priority_bonus__gte=0),
                name="selectionpolicy_bonus_not_negative",
                violation_error_message=_("The priority bonus cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Selection policy of %(csd_edition)s") % {"csd_edition": self.csd_edition}

    def sector_minimum(self, sector: str) -> int:
        """The places reserved for `sector`: the larger of the minimum and the share."""
        minimum = int((self.sector_minimums or {}).get(sector, 0))
        share = Decimal(str((self.sector_min_shares or {}).get(sector, 0)))
        by_share = int((share * self.places).to_integral_value(rounding="ROUND_CEILING"))
        return max(minimum, by_share)

    def clean(self):
        errors = {}
        for field in ("sector_minimums", "sector_min_shares"):
            value = getattr(self, field)
            if not isinstance(value, dict) or any(k not in Sector.values for k in value):
                errors[field] = gettext("Give an object keyed by sector: %(sectors)s.") % {
                    "sectors": ", ".join(Sector.values)
                }
                continue
            try:
                numbers = [Decimal(str(v)) for v in value.values()]
            except (ArithmeticError, ValueError):
                errors[field] = gettext("Every value is a number.")
                continue
            if any(n < 0 for n in numbers):
                errors[field] = gettext("No value may be negative.")
            elif field == "sector_min_shares" and any(n > 1 for n in numbers):
                errors[field] = gettext("A share lies between 0 and 1.")
            elif field == "sector_minimums" and any(n != int(n) for n in numbers):
                errors[field] = gettext("A minimum is a whole number of places.")
        if not errors and self.places:
            reserved = sum(self.sector_minimum(s) for s in Sector.values)
            if reserved > self.places:
                errors["sector_minimums"] = gettext(
                    "The sector minimums reserve %(reserved)d places but there are only %(places)d."
                ) % {"reserved": reserved, "places": self.places}
        if errors:
            raise ValidationError(errors)


class SelectionProposal(models.Model):
    """One run of the selection: what the policy proposes, staff adjustments, confirmation."""

    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition",
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("CSD edition"),
    )
    status = models.CharField(
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        verbose_name=_("status"),
    )
    policy_snapshot = models.JSONField(default=dict, verbose_name=_("policy snapshot"))
    places = models.PositiveIntegerField(verbose_name=_("places"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("confirmed at"))

    class Meta:
        ordering = ["-id"]
        verbose_name = _("selection proposal")
        verbose_name_plural = _("selection proposals")
        constraints = [
            CheckConstraint(
                condition=Q(status__in=ProposalStatus.values),
                name="proposal_status_valid",
                violation_error_message=_("Unknown proposal status."),
            ),
            models.UniqueConstraint(
                fields=["csd_edition"],
                condition=Q(status="confirmed"),
                name="proposal_one_confirmed_per_edition",
                violation_error_message=_(
                    "A selection is already confirmed for these Civil Society Days."
                ),
            ),
            models.UniqueConstraint(
                fields=["csd_edition"],
                condition=Q(status="draft"),
                name="proposal_one_draft_per_edition",
                violation_error_message=_(
                    "A draft proposal already exists for these Civil Society Days."
                ),
            ),
            CheckConstraint(
                condition=Q(status="confirmed", confirmed_at__isnull=False)
                | (~Q(status="confirmed") & Q(confirmed_at__isnull=True)),
                name="proposal_confirmed_has_date",
                violation_error_message=_("A confirmed proposal records when it was confirmed."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("Selection proposal #%(id)s (%(status)s) - %(csd_edition)s") % {
            "id": self.pk,
            "status": self.get_status_display(),
            "csd_edition": self.csd_edition,
        }


class ProposalEntry(models.Model):
    """The proposal's verdict on one delegate, with the reason staff and reviewers read."""

    proposal = models.ForeignKey(
        "civil_society.SelectionProposal",
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("proposal"),
    )
    delegate = models.ForeignKey(
        "civil_society.Delegate",
        on_delete=models.CASCADE,
        related_name="proposal_entries",
        verbose_name=_("delegate"),
    )
    rank = models.PositiveIntegerField(
        help_text=_("Position in the merit order (1 best)."), verbose_name=_("rank")
    )
    average_score = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, verbose_name=_("average score")
    )
    effective_score = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, verbose_name=_("effective score")
    )
    review_count = models.PositiveSmallIntegerField(default=0, verbose_name=_("review count"))
    proposed_outcome = models.CharField(
        max_length=20, choices=Outcome.choices, verbose_name=_("proposed outcome")
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, verbose_name=_("outcome"))
    waitlist_position = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("waitlist position")
    )
    reason = models.TextField(verbose_name=_("reason"))
    adjustment_note = models.TextField(blank=True, verbose_name=_("adjustment note"))

    class Meta:
        ordering = ["proposal_id", "rank", "id"]
        verbose_name = _("proposal entry")
        verbose_name_plural = _("proposal entries")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "delegate"],
                name="proposalentry_delegate_once",
                violation_error_message=_("This delegate is already in the proposal."),
            ),
            CheckConstraint(
                condition=Q(outcome__in=Outcome.values) & Q(proposed_outcome__in=Outcome.values),
                name="proposalentry_outcome_valid",
                violation_error_message=_("Unknown outcome."),
            ),
            CheckConstraint(
                condition=(Q(outcome="waitlisted") & Q(waitlist_position__isnull=False))
                | (~Q(outcome="waitlisted") & Q(waitlist_position__isnull=True)),
                name="proposalentry_waitlist_position_iff_waitlisted",
                violation_error_message=_("Only a waitlisted entry has a waitlist position."),
            ),
            models.UniqueConstraint(
                fields=["proposal", "waitlist_position"],
                condition=Q(outcome="waitlisted"),
                name="proposalentry_waitlist_position_unique",
                violation_error_message=_("Another entry holds this waitlist position."),
            ),
            CheckConstraint(
                condition=Q(outcome=models.F("proposed_outcome")) | ~Q(adjustment_note=""),
                name="proposalentry_adjustment_needs_note",
                violation_error_message=_("A staff adjustment needs a note explaining it."),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.rank} {self.delegate}: {self.get_outcome_display()}"

    @property
    def is_adjusted(self) -> bool:
        return self.outcome != self.proposed_outcome
