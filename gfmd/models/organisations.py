from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from gfmd.enums import OrganisationKind
from gfmd.platform.names import validate_visible_text, visible_text_constraint


class Organisation(models.Model):
    """An observer organisation (UN agency, IOM, other IO) or, later, a civil-society body."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_visible_text])
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    gmg_member = models.BooleanField(
        _("Global Migration Group member"), default=False, help_text=_("Member agency of the GMG.")
    )
    headquarters = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("headquarters"),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            visible_text_constraint("name", "organisation_name_visible"),
            models.UniqueConstraint(
                Lower("name"),
                name="organisation_name_unique_ci",
                violation_error_message=_("An organisation with this name already exists."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
