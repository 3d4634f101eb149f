"""A chairmanship's budget, the carry-over between Chairs, and the rate table a report may
convert with. A chairmanship is an Edition (the Chair's cycle)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from contributions.enums import CostLine
from contributions.models.fields import amount_field, currency_constraint, currency_field
from gfmd.platform.models.checks import CheckConstraint


class Budget(models.Model):
    """The Chair's budget for its chairmanship, in one currency."""

    edition = models.OneToOneField(
        "gfmd.Edition",
        on_delete=models.PROTECT,
        related_name="budget",
        verbose_name=_("chairmanship"),
    )
    currency = currency_field()
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["edition__ordinal"]
        constraints = [currency_constraint("currency", "budget_currency_iso")]

    def __str__(self) -> str:
        return _("Budget of %(edition)s") % {"edition": self.edition}


class BudgetLine(models.Model):
    """A core cost: its amount and the part the Chair covers from its own resources; the
    rest needs external funding."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget")
    )
    line = models.CharField(_("cost line"), max_length=30, choices=CostLine.choices)
    label = models.CharField(_("label"), max_length=200, blank=True)
    amount = amount_field(_("amount"))
    chair_covers = amount_field(
        _("covered by the Chair"), help_text=_("The part the Chair funds itself.")
    )

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget", "line", "id"]
        constraints = [
            CheckConstraint(
                condition=Q(amount__gte=0),
                name="budgetline_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            CheckConstraint(
                condition=Q(chair_covers__gte=0) & Q(chair_covers__lte=F("amount")),
                name="budgetline_chair_part_within_amount",
                violation_error_message=_(
                    "The Chair's own part lies between zero and the line's amount."
                ),
            ),
            models.UniqueConstraint(
                fields=["budget", "line", "label"],
                name="budgetline_unique",
                violation_error_message=_("The budget already has this line."),
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.get_line_display()

    @property
    def external_funding(self):
        return self.amount - self.chair_covers


class CarryOver(models.Model):
    """Unspent funds one Chair passes to the next."""

    from_edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.PROTECT,
        related_name="carry_overs_out",
        verbose_name=_("from chairmanship"),
    )
    to_edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.PROTECT,
        related_name="carry_overs_in",
        verbose_name=_("to chairmanship"),
    )
    currency = currency_field()
    amount = amount_field(_("amount"))
    on = models.DateField(_("date"))
    earmark = models.CharField(_("earmark"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("carry-over")
        verbose_name_plural = _("carry-overs")
        ordering = ["on", "id"]
        constraints = [
            currency_constraint("currency", "carryover_currency_iso"),
            CheckConstraint(
                condition=Q(amount__gt=0),
                name="carryover_amount_positive",
                violation_error_message=_("The amount must be greater than zero."),
            ),
            CheckConstraint(
                condition=~Q(to_edition=F("from_edition")),
                name="carryover_to_another_chair",
                fields=["to_edition"],
                violation_error_message=_("Funds carry over to another chairmanship."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_edition} -> {self.to_edition}: {self.amount} {self.currency}"

    def clean(self):
        if (
            self.from_edition_id
            and self.to_edition_id
            and self.to_edition.ordinal <= self.from_edition.ordinal
        ):
            raise ValidationError({"to_edition": _("Funds carry over to a later chairmanship.")})


class ExchangeRate(models.Model):
    """A rate the Support Unit agreed for a chairmanship's report: 1 `currency` =
    `rate` `target_currency`. Reports convert only with these, never with a guess."""

    edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.CASCADE,
        related_name="exchange_rates",
        verbose_name=_("chairmanship"),
    )
    currency = currency_field()
    target_currency = currency_field(_("target currency"))
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8)
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["edition", "currency", "target_currency"]
        constraints = [
            currency_constraint("currency", "exchangerate_currency_iso"),
            currency_constraint("target_currency", "exchangerate_target_iso"),
            CheckConstraint(
                condition=Q(rate__gt=0),
                name="exchangerate_rate_positive",
                violation_error_message=_("The rate must be greater than zero."),
            ),
            CheckConstraint(
                condition=~Q(currency=F("target_currency")),
                name="exchangerate_two_currencies",
                fields=["target_currency"],
                violation_error_message=_("A rate converts between two different currencies."),
            ),
            models.UniqueConstraint(
                fields=["edition", "currency", "target_currency"],
                name="exchangerate_unique",
                violation_error_message=_("This chairmanship already has this rate."),
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.currency} = {self.rate} {self.target_currency}"
