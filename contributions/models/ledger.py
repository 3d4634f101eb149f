"""Pledges and receipts: what a government or organisation promised and what arrived, in
cash or in kind. A coordination ledger: nothing here moves money.

Both share one abstract shape (`Contribution`) and its rules, written once as constraints
named per model (`%(class)s`): exactly one body; cash has a currency and an amount above
zero and no in-kind type; in kind has its type, no cash amount and an optional value
estimate with its currency; an earmarked contribution says what for.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contributions.enums import ContributionKind, InKindKind
from contributions.models.fields import amount_field, currency_constraint, currency_field
from gfmd.platform.models.checks import CheckConstraint, one_of


def _constraints() -> list:
    cash = Q(kind=ContributionKind.CASH)
    in_kind = Q(kind=ContributionKind.IN_KIND)
    return [
        CheckConstraint(
            condition=one_of("country", "organisation"),
            name="%(class)s_one_body",
            fields=["country"],
            violation_error_message=_("Give exactly one government or one organisation."),
        ),
        CheckConstraint(
            condition=~cash | (Q(amount__gt=0) & ~Q(currency="") & Q(in_kind_type="")),
            name="%(class)s_cash_amount",
            fields=["amount"],
            violation_error_message=_(
                "A cash contribution has a currency and an amount greater than zero."
            ),
        ),
        CheckConstraint(
            condition=~in_kind | (Q(amount__isnull=True) & ~Q(in_kind_type="")),
            name="%(class)s_in_kind_described",
            fields=["in_kind_type"],
            violation_error_message=_(
                "An in-kind contribution says what it is and has no cash amount."
            ),
        ),
        CheckConstraint(
            condition=Q(value_estimate__isnull=True)
            | (in_kind & Q(value_estimate__gt=0) & ~Q(currency="")),
            name="%(class)s_estimate_in_kind",
            fields=["value_estimate"],
            violation_error_message=_(
                "A value estimate is for in-kind contributions, above zero, with its currency."
            ),
        ),
        CheckConstraint(
            condition=Q(earmarked=False) | ~Q(earmark=""),
            name="%(class)s_earmark_given",
            fields=["earmark"],
            violation_error_message=_("Say what an earmarked contribution is for."),
        ),
        currency_constraint("currency", "%(class)s_currency_iso", optional=True),
    ]


class Contribution(models.Model):
    edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chairmanship"),
    )
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("government"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    in_kind_type = models.CharField(
        _("in-kind type"), max_length=30, choices=InKindKind.choices, blank=True
    )
    currency = currency_field(blank=True)
    amount = amount_field(_("amount"), null=True, blank=True)
    value_estimate = amount_field(
        _("value estimate"),
        null=True,
        blank=True,
        help_text=_("For in-kind contributions, if the contributor gave one."),
    )
    earmarked = models.BooleanField(_("earmarked"), default=False)
    earmark = models.CharField(
        _("earmark"), max_length=300, blank=True, help_text=_("The purpose the funds are for.")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        abstract = True

    @property
    def body(self):
        return self.country or self.organisation

    def clean(self):
        errors = {}
        if self.country_id and not self.country.is_state:
            errors["country"] = _("%(country)s is not a state.") % {"country": self.country}
        if errors:
            raise ValidationError(errors)


class Pledge(Contribution):
    pledged_on = models.DateField(_("pledged on"))
    pledging_meeting = models.ForeignKey(
        "gfmd.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pledging meeting"),
    )

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["edition__ordinal", "pledged_on", "id"]
        constraints = _constraints()

    def __str__(self) -> str:
        what = f"{self.amount} {self.currency}" if self.amount else self.get_in_kind_type_display()
        return _("Pledge by %(body)s: %(what)s") % {"body": self.body, "what": what}

    def clean(self):
        super().clean()
        meeting = self.pledging_meeting
        if meeting is not None and meeting.edition_id != self.edition_id:
            raise ValidationError(
                {"pledging_meeting": _("The pledging meeting belongs to another chairmanship.")}
            )


class Receipt(Contribution):
    """What arrived. It may settle a pledge, in part or in full."""

    received_on = models.DateField(_("received on"))
    pledge = models.ForeignKey(
        Pledge,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="receipts",
        verbose_name=_("settles pledge"),
    )

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["edition__ordinal", "received_on", "id"]
        constraints = _constraints()

    def __str__(self) -> str:
        what = f"{self.amount} {self.currency}" if self.amount else self.get_in_kind_type_display()
        return _("Receipt from %(body)s: %(what)s") % {"body": self.body, "what": what}

    def clean(self):
        super().clean()
        pledge = self.pledge
        if pledge is None:
            return
        errors = {}
        if (pledge.country_id, pledge.organisation_id) != (self.country_id, self.organisation_id):
            errors["pledge"] = _("The pledge was made by another contributor.")
        elif pledge.edition_id != self.edition_id:
            errors["pledge"] = _("The pledge belongs to another chairmanship.")
        elif pledge.kind != self.kind or (self.kind == "cash" and pledge.currency != self.currency):
            errors["pledge"] = _(
                "A receipt settles a pledge of the same kind and currency (%(what)s)."
            ) % {"what": f"{pledge.get_kind_display()} {pledge.currency}".strip()}
        if errors:
            raise ValidationError(errors)
