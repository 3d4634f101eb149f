from django.db import models
from django.db.models.functions import Lower

from gfmd.enums import OrganisationKind


class Organisation(models.Model):
    """An observer organisation (UN agency, IOM, other IO) or, later, a civil-society body."""

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    gmg_member = models.BooleanField(
        "Global Migration Group member", default=False, help_text="Member agency of the GMG."
    )
    headquarters = models.ForeignKey(
        "gfmd.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="organisation_name_unique_ci",
                violation_error_message="An organisation with this name already exists.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name
