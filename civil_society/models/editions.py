from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import CommitteeRole
from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import validate_visible_text, visible_text_constraint


class CSDEdition(models.Model):
    """The Civil Society Days of one Forum edition. They come before the government meeting.

    `forum_start_date` copies the Forum edition's start date (the services keep it in step),
    so the database itself refuses CSD dates that do not precede the government meeting.
    """

    edition = models.OneToOneField(
        "gfmd.Edition",
        on_delete=models.PROTECT,
        related_name="civil_society_days",
        verbose_name=_("edition"),
    )
    title = models.CharField(
        max_length=200, validators=[validate_visible_text], verbose_name=_("title")
    )
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("end date"))
    city = models.CharField(max_length=100, blank=True, verbose_name=_("city"))
    is_virtual = models.BooleanField(default=False, verbose_name=_("is virtual"))
    organising_body = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The organisation that organises these Civil Society Days."),
        verbose_name=_("organising body"),
    )
    forum_start_date = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("Copied from the Forum edition."),
        verbose_name=_("forum start date"),
    )
    applications_open = models.BooleanField(default=True, verbose_name=_("applications open"))

    class Meta:
        ordering = ["edition__ordinal"]
        verbose_name = _("Civil Society Days edition")
        verbose_name_plural = _("Civil Society Days editions")
        constraints = [
            visible_text_constraint("title", "csdedition_title_visible"),
            CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="csdedition_dates_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            CheckConstraint(
                condition=Q(forum_start_date__isnull=True)
                | (
                    (Q(start_date__isnull=True) | Q(start_date__lt=F("forum_start_date")))
                    & (Q(end_date__isnull=True) | Q(end_date__lt=F("forum_start_date")))
                ),
                name="csdedition_before_forum",
                violation_error_message=_(
                    "The Civil Society Days take place before the government meeting."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.edition_id:
            self.forum_start_date = self.edition.start_date
        forum = self.forum_start_date
        if forum:
            for field in ("start_date", "end_date"):
                value = getattr(self, field)
                if value and value >= forum:
                    raise ValidationError(
                        {
                            field: gettext(
                                "The Civil Society Days take place before the government "
                                "meeting (which opens %(date)s)."
                            )
                            % {"date": forum.isoformat()}
                        }
                    )


class AdvisoryCommitteeMember(models.Model):
    """A member of the international advisory committee that guides a CSD edition."""

    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition",
        on_delete=models.CASCADE,
        related_name="committee",
        verbose_name=_("CSD edition"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="csd_committee_seats",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The organisation the member comes from (conflicts of interest follow it)."),
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        max_length=20,
        choices=CommitteeRole.choices,
        default=CommitteeRole.MEMBER,
        verbose_name=_("role"),
    )
    term_start = models.DateField(verbose_name=_("term start"))
    term_end = models.DateField(null=True, blank=True, verbose_name=_("term end"))
    is_reviewer = models.BooleanField(
        default=True, help_text=_("Reviews delegate applications."), verbose_name=_("is reviewer")
    )

    class Meta:
        ordering = ["csd_edition_id", "role", "user__last_name", "id"]
        verbose_name = _("advisory committee member")
        verbose_name_plural = _("advisory committee members")
        constraints = [
            models.UniqueConstraint(
                fields=["csd_edition", "user"],
                name="committee_member_once_per_edition",
                violation_error_message=_("This person already sits on this advisory committee."),
            ),
            CheckConstraint(
                condition=Q(role__in=CommitteeRole.values),
                name="committee_role_valid",
                violation_error_message=_("Unknown committee role."),
            ),
            CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="committee_term_ordered",
                violation_error_message=_("The term cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.get_role_display()}, {self.csd_edition})"
