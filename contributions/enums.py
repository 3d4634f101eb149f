"""Choices of the contributions ledger. No imports from the app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CostLine(models.TextChoices):
    """The core costs of a chairmanship's budget."""

    PREPARATORY_WORK = "preparatory_work", _("Preparatory work")
    SUPPORT_UNIT = "support_unit", _("Support Unit")
    SUMMIT = "summit", _("Summit")
    OTHER = "other", _("Other")


class ContributionKind(models.TextChoices):
    CASH = "cash", _("Cash")
    IN_KIND = "in_kind", _("In kind")


class InKindKind(models.TextChoices):
    SECONDMENT = "secondment", _("Secondment")
    BACKGROUND_PAPER = "background_paper", _("Background paper")
    LOGISTICS = "logistics", _("Logistics")
    OTHER = "other", _("Other")
