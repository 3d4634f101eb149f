from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.enums import FriendsRole
from gfmd.platform.models.checks import CheckConstraint


class FriendsParticipation(models.Model):
    """A government participating in, or an organisation observing, an edition's Friends of
    the Forum. All states are eligible; organisations take part as observers only."""

    edition = models.ForeignKey(
        "gfmd.Edition", on_delete=models.CASCADE, related_name="friends", verbose_name=_("edition")
    )
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=FriendsRole.choices)

    class Meta:
        verbose_name_plural = _("Friends of the Forum participants")
        ordering = ["edition__ordinal", "role", "country__name", "organisation__name"]
        verbose_name = _("Friends of the Forum participant")
        constraints = [
            CheckConstraint(
                condition=(Q(country__isnull=False, organisation__isnull=True, role="participant"))
                | (Q(country__isnull=True, organisation__isnull=False, role="observer")),
                name="friends_government_participates_organisation_observes",
                violation_error_message=_(
                    "A government participates; an organisation observes. Give exactly one of them."
                ),
            ),
            models.UniqueConstraint(
                fields=["edition", "country"],
                condition=Q(country__isnull=False),
                name="friends_country_once_per_edition",
                violation_error_message=_("This government is already listed for this edition."),
            ),
            models.UniqueConstraint(
                fields=["edition", "organisation"],
                condition=Q(organisation__isnull=False),
                name="friends_organisation_once_per_edition",
                violation_error_message=_("This organisation is already listed for this edition."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country or self.organisation} - {self.edition}"

    def clean(self):
        if self.country_id and not self.country.is_state:
            raise ValidationError(
                {
                    "country": _("%(country)s is not a state; Friends of the Forum are states.")
                    % {"country": self.country}
                }
            )
