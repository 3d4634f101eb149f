from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gfmd.enums import FocalPointRole
from gfmd.platform.models.checks import CheckConstraint, one_of


class FocalPoint(models.Model):
    """A user account that represents a government, an organisation or a stakeholder
    mechanism, for a period.

    Focal points are the basis of permissions: what a user may see follows from the
    bodies they represent today.
    """

    # record_save/record_delete forget the user's cached roles (platform auth cache)
    grants_user_roles = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="focal_points",
        verbose_name=_("user"),
    )
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="focal_points",
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="focal_points",
        verbose_name=_("organisation"),
    )
    # A focal point of a stakeholder mechanism (the "mechanism focal point" role).
    mechanism = models.ForeignKey(
        "gfmd.Mechanism",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="focal_points",
        verbose_name=_("mechanism"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=FocalPointRole.choices, default=FocalPointRole.FOCAL_POINT
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en-gb",
        help_text=_(
            "The language the government or organisation corresponds in: emails to this "
            "focal point use it unless they chose their own."
        ),
    )

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["user__last_name", "user__first_name", "id"]
        constraints = [
            CheckConstraint(
                condition=one_of("country", "organisation", "mechanism"),
                name="focalpoint_one_body",
                violation_error_message=_(
                    "A focal point represents exactly one government, organisation or mechanism."
                ),
            ),
            CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="focalpoint_dates_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        body = self.body
        return f"{self.user.get_full_name() or self.user.get_username()} - {body}"

    @property
    def body(self):
        return self.country or self.organisation or self.mechanism
