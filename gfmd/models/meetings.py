from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gfmd.enums import AttendanceRole, MeetingBody
from gfmd.platform.models.checks import CheckConstraint, one_of
from gfmd.platform.names import validate_visible_text, visible_text_constraint


class Meeting(models.Model):
    """A meeting of the Steering Group, Friends of the Forum, troika or the Forum itself."""

    edition = models.ForeignKey(
        "gfmd.Edition", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("edition")
    )
    body = models.CharField(_("body"), max_length=30, choices=MeetingBody.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_virtual = models.BooleanField(_("is virtual"), default=False)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    # The ad hoc working group a working-group meeting is of (and only then).
    working_group = models.ForeignKey(
        "gfmd.WorkingGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("working group"),
    )
    virtual_link = models.URLField(_("virtual link"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start_date", "id"]
        constraints = [
            visible_text_constraint("title", "meeting_title_visible"),
            CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="meeting_dates_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            CheckConstraint(
                condition=Q(is_virtual=True) | ~Q(city=""),
                name="meeting_has_place",
                violation_error_message=_("An in-person meeting needs a city."),
            ),
            CheckConstraint(
                condition=(Q(body=MeetingBody.WORKING_GROUP) & Q(working_group__isnull=False))
                | (~Q(body=MeetingBody.WORKING_GROUP) & Q(working_group__isnull=True)),
                name="meeting_working_group_named",
                fields=["working_group"],
                violation_error_message=_(
                    "A working-group meeting names its working group; other meetings name none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_date.isoformat()})"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        "gfmd.Meeting",
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300, validators=[validate_visible_text])
    title_fr = models.CharField(
        _("title (French)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    title_es = models.CharField(
        _("title (Spanish)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    description = models.TextField(_("description"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            visible_text_constraint("title", "agendaitem_title_visible"),
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agendaitem_position_unique",
                violation_error_message=_("Another agenda item already has this position."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    """A government, organisation or mechanism at a meeting: member, observer, invited guest
    or (a mechanism) in its own mechanism role.

    Organisations are never members: the UN SRSG, for instance, is an invited guest of the
    Steering Group, not a member of it.
    """

    meeting = models.ForeignKey(
        "gfmd.Meeting",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("meeting"),
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
    # A stakeholder mechanism attends in a role of its own (AttendanceRole.MECHANISM).
    mechanism = models.ForeignKey(
        "gfmd.Mechanism",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("mechanism"),
    )
    role = models.CharField(_("role"), max_length=20, choices=AttendanceRole.choices)
    attended = models.BooleanField(
        _("attended"),
        null=True,
        blank=True,
        help_text=_("Recorded after the meeting; empty before."),
    )

    class Meta:
        verbose_name = _("attendance")
        ordering = ["meeting", "role", "country__name", "organisation__name", "mechanism__name"]
        verbose_name_plural = _("attendance")
        constraints = [
            CheckConstraint(
                condition=one_of("country", "organisation", "mechanism"),
                name="attendance_one_body",
                violation_error_message=_(
                    "Give exactly one government, one organisation or one mechanism."
                ),
            ),
            CheckConstraint(
                condition=(Q(mechanism__isnull=True) & ~Q(role=AttendanceRole.MECHANISM))
                | (Q(mechanism__isnull=False) & Q(role=AttendanceRole.MECHANISM)),
                name="attendance_mechanism_role",
                fields=["role"],
                violation_error_message=_(
                    "A mechanism attends in the mechanism role, and only a mechanism does."
                ),
            ),
            CheckConstraint(
                condition=Q(organisation__isnull=True) | ~Q(role="member"),
                name="attendance_organisation_not_member",
                violation_error_message=_(
                    "An organisation attends as observer or invited guest, never as member."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "country"],
                condition=Q(country__isnull=False),
                name="attendance_country_once",
                violation_error_message=_("This government is already listed for the meeting."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(organisation__isnull=False),
                name="attendance_organisation_once",
                violation_error_message=_("This organisation is already listed for the meeting."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "mechanism"],
                condition=Q(mechanism__isnull=False),
                name="attendance_mechanism_once",
                violation_error_message=_("This mechanism is already listed for the meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country or self.organisation or self.mechanism} ({self.get_role_display()})"
