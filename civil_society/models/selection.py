from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from civil_society.enums import Outcome, ProposalStatus, Sector
from gfmd.platform.models.checks import CheckConstraint


class SelectionPolicy(models.Model):
    """How the places of one CSD edition are shared out: data staff configure, not code.

    See docs/civil_society.md for the algorithm that reads it.
    """

    csd_edition = models.OneToOneField(
        "civil_society.CSDEdition", on_delete=models.CASCADE, related_name="selection_policy"
    )
    places = models.PositiveIntegerField(help_text="Number of delegate places.")
    waitlist_size = models.PositiveIntegerField(default=20)
    sector_minimums = models.JSONField(
        default=dict,
        blank=True,
        help_text='Minimum places per sector, e.g. {"trade_union": 10}.',
    )
    sector_min_shares = models.JSONField(
        default=dict,
        blank=True,
        help_text='Minimum share of places per sector, e.g. {"academia": "0.10"}; the larger '
        "of minimum and share applies.",
    )
    priority_bonus = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(0)],
        help_text="Points added to the average review score of migrant- or diaspora-led "
        "organisations (priority).",
    )
    min_per_region = models.PositiveSmallIntegerField(
        default=0,
        help_text="Regional spread: at least this many places for every M49 region that has "
        "eligible candidates.",
    )
    max_region_share = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Regional spread: no region takes more than this share of places.",
    )
    max_per_organisation = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)]
    )
    min_reviews = models.PositiveSmallIntegerField(
        default=1, help_text="Reviews an application needs before its delegates can be selected."
    )
    note = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "selection policies"
        constraints = [
            CheckConstraint(
                condition=Q(places__gte=1),
                name="selectionpolicy_places_positive",
                violation_error_message="There is at least one place.",
            ),
            CheckConstraint(
                condition=Q(max_per_organisation__gte=1),
                name="selectionpolicy_per_organisation_positive",
                violation_error_message="Each organisation may have at least one place.",
            ),
            CheckConstraint(
                condition=Q(max_region_share__isnull=True)
                | (Q(max_region_share__gt=0) & Q(max_region_share__lte=1)),
                name="selectionpolicy_region_share_range",
                violation_error_message="The regional share lies between 0 and 1.",
            ),
            CheckConstraint(
                condition=Q(priority_bonus__gte=0),
                name="selectionpolicy_bonus_not_negative",
                violation_error_message="The priority bonus cannot be negative.",
            ),
        ]

    def __str__(self) -> str:
        return f"Selection policy of {self.csd_edition}"

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
                errors[field] = f"Give an object keyed by sector: {', '.join(Sector.values)}."
                continue
            try:
                numbers = [Decimal(str(v)) for v in value.values()]
            except (ArithmeticError, ValueError):
                errors[field] = "Every value is a number."
                continue
            if any(n < 0 for n in numbers):
                errors[field] = "No value may be negative."
            elif field == "sector_min_shares" and any(n > 1 for n in numbers):
                errors[field] = "A share lies between 0 and 1."
            elif field == "sector_minimums" and any(n != int(n) for n in numbers):
                errors[field] = "A minimum is a whole number of places."
        if not errors and self.places:
            reserved = sum(self.sector_minimum(s) for s in Sector.values)
            if reserved > self.places:
                errors["sector_minimums"] = (
                    f"The sector minimums reserve {reserved} places but there are only "
                    f"{self.places}."
                )
        if errors:
            raise ValidationError(errors)


class SelectionProposal(models.Model):
    """One run of the selection: what the policy proposes, staff adjustments, confirmation."""

    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition", on_delete=models.CASCADE, related_name="proposals"
    )
    status = models.CharField(
        max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    policy_snapshot = models.JSONField(default=dict)
    places = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            CheckConstraint(
                condition=Q(status__in=ProposalStatus.values),
                name="proposal_status_valid",
                violation_error_message="Unknown proposal status.",
            ),
            models.UniqueConstraint(
                fields=["csd_edition"],
                condition=Q(status="confirmed"),
                name="proposal_one_confirmed_per_edition",
                violation_error_message="A selection is already confirmed for these Civil "
                "Society Days.",
            ),
            models.UniqueConstraint(
                fields=["csd_edition"],
                condition=Q(status="draft"),
                name="proposal_one_draft_per_edition",
                violation_error_message="A draft proposal already exists for these Civil "
                "Society Days.",
            ),
            CheckConstraint(
                condition=Q(status="confirmed", confirmed_at__isnull=False)
                | (~Q(status="confirmed") & Q(confirmed_at__isnull=True)),
                name="proposal_confirmed_has_date",
                violation_error_message="A confirmed proposal records when it was confirmed.",
            ),
        ]

    def __str__(self) -> str:
        return f"Selection proposal #{self.pk} ({self.get_status_display()}) - {self.csd_edition}"


class ProposalEntry(models.Model):
    """The proposal's verdict on one delegate, with the reason staff and reviewers read."""

    proposal = models.ForeignKey(
        "civil_society.SelectionProposal", on_delete=models.CASCADE, related_name="entries"
    )
    delegate = models.ForeignKey(
        "civil_society.Delegate", on_delete=models.CASCADE, related_name="proposal_entries"
    )
    rank = models.PositiveIntegerField(help_text="Position in the merit order (1 best).")
    average_score = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    effective_score = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    review_count = models.PositiveSmallIntegerField(default=0)
    proposed_outcome = models.CharField(max_length=20, choices=Outcome.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    reason = models.TextField()
    adjustment_note = models.TextField(blank=True)

    class Meta:
        ordering = ["proposal_id", "rank", "id"]
        verbose_name_plural = "proposal entries"
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "delegate"],
                name="proposalentry_delegate_once",
                violation_error_message="This delegate is already in the proposal.",
            ),
            CheckConstraint(
                condition=Q(outcome__in=Outcome.values) & Q(proposed_outcome__in=Outcome.values),
                name="proposalentry_outcome_valid",
                violation_error_message="Unknown outcome.",
            ),
            CheckConstraint(
                condition=(Q(outcome="waitlisted") & Q(waitlist_position__isnull=False))
                | (~Q(outcome="waitlisted") & Q(waitlist_position__isnull=True)),
                name="proposalentry_waitlist_position_iff_waitlisted",
                violation_error_message="Only a waitlisted entry has a waitlist position.",
            ),
            models.UniqueConstraint(
                fields=["proposal", "waitlist_position"],
                condition=Q(outcome="waitlisted"),
                name="proposalentry_waitlist_position_unique",
                violation_error_message="Another entry holds this waitlist position.",
            ),
            CheckConstraint(
                condition=Q(outcome=models.F("proposed_outcome")) | ~Q(adjustment_note=""),
                name="proposalentry_adjustment_needs_note",
                violation_error_message="A staff adjustment needs a note explaining it.",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.rank} {self.delegate}: {self.get_outcome_display()}"

    @property
    def is_adjusted(self) -> bool:
        return self.outcome != self.proposed_outcome
