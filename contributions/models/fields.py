"""Money as a Decimal amount with an ISO 4217 currency code beside it (never a float)."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint

CURRENCY_MESSAGE = _("Give an ISO 4217 currency code in capitals, e.g. USD, CHF, EUR.")
currency_validator = RegexValidator(r"^[A-Z]{3}\Z", CURRENCY_MESSAGE)


def currency_field(verbose_name=None, **kwargs):
    return models.CharField(
        verbose_name or _("currency"), max_length=3, validators=[currency_validator], **kwargs
    )


def amount_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=16, decimal_places=2, **kwargs)


def currency_constraint(field: str, name: str, *, optional: bool = False) -> CheckConstraint:
    condition = Q(**{f"{field}__regex": r"^[A-Z]{3}$"})
    if optional:
        condition |= Q(**{field: ""})
    return CheckConstraint(condition=condition, name=name, violation_error_message=CURRENCY_MESSAGE)
