from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from gfmd.enums import LocalGovernmentKind
from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import validate_visible_text, visible_text_constraint


class LocalGovernment(models.Model):
    """A city or region taking part in the Forum (through the Mayors Mechanism).

    Neither a state nor an international organisation: its own kind of participant, placed
    by its country (and so the country's M49 region). Its networks (UCLG, the Mayors
    Migration Council, ...) are organisations, so new networks are data.
    """

    name = models.CharField(_("name"), max_length=200, validators=[validate_visible_text])
    kind = models.CharField(_("kind"), max_length=10, choices=LocalGovernmentKind.choices)
    country = models.ForeignKey(
        "gfmd.Country",
        on_delete=models.PROTECT,
        related_name="local_governments",
        verbose_name=_("country"),
    )
    networks = models.ManyToManyField(
        "gfmd.Organisation",
        blank=True,
        related_name="local_government_members",
        verbose_name=_("networks"),
        help_text=_(
            "Networks of cities and regions it belongs to (UCLG, Mayors Migration Council)."
        ),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("local or regional government")
        verbose_name_plural = _("local and regional governments")
        ordering = ["name", "id"]
        constraints = [
            visible_text_constraint("name", "localgovernment_name_visible"),
            models.UniqueConstraint(
                Lower("name"),
                "country",
                name="localgovernment_name_unique_ci",
                violation_error_message=_(
                    "A local government with this name already exists in this country."
                ),
            ),
            CheckConstraint(
                condition=Q(kind__in=LocalGovernmentKind.values),
                name="localgovernment_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    @property
    def region(self) -> str:
        """The M49 region, from the country."""
        return self.country.region
