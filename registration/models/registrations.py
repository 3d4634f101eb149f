"""A meeting's registration: its window, formats, categories and quotas (all data)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gfmd.enums import OrganisationKind
from gfmd.platform.content import column_for
from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import validate_visible_text, visible_text_constraint
from registration.enums import CategoryKind, ListVisibility, QuotaScope


class Registration(models.Model):
    """Registration for one gfmd meeting (the Summit, a Steering Group meeting, ...)."""

    meeting = models.OneToOneField(
        "gfmd.Meeting",
        on_delete=models.PROTECT,
        related_name="registration",
        verbose_name=_("meeting"),
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    late_change_deadline = models.DateTimeField(
        _("late-change deadline"),
        null=True,
        blank=True,
        help_text=_("Until then delegations may still substitute or cancel participants."),
    )
    in_person = models.BooleanField(_("in person"), default=True)
    online = models.BooleanField(_("online"), default=False)
    chatham_house = models.BooleanField(
        _("Chatham House rule"),
        default=True,
        help_text=_("Deliberations are not attributed: the participant list names no one."),
    )
    passport_retention_days = models.PositiveSmallIntegerField(
        _("passport data kept (days after the meeting)"), default=30
    )
    passport_data_purged_at = models.DateTimeField(
        _("passport data deleted at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-opens_at", "id"]
        constraints = [
            CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="registration_window_ordered",
                violation_error_message=_("Registration must close after it opens."),
            ),
            CheckConstraint(
                condition=Q(late_change_deadline__isnull=True)
                | Q(late_change_deadline__gte=F("closes_at")),
                name="registration_late_changes_after_close",
                violation_error_message=_(
                    "The late-change deadline cannot be before registration closes."
                ),
            ),
            CheckConstraint(
                condition=Q(in_person=True) | Q(online=True),
                name="registration_has_format",
                violation_error_message=_("Offer in-person or online participation (or both)."),
                fields=["in_person"],
            ),
        ]

    def __str__(self) -> str:
        return str(self.meeting.title)


class ParticipantCategory(models.Model):
    """A category of participants of one registration (data, not code)."""

    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="categories",
        verbose_name=_("registration"),
    )
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100, validators=[validate_visible_text])
    name_fr = models.CharField(_("name (French)"), max_length=100, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=CategoryKind.choices)
    organisation_kind = models.CharField(
        _("organisation kind"),
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
        help_text=_("Stakeholder mechanisms: the kind of organisation the category takes."),
    )
    colour = models.CharField(
        _("colour"), max_length=7, default="#1F4E79", help_text=_("Badge colour, e.g. #1F4E79.")
    )
    list_visibility = models.CharField(
        _("participant list visibility"),
        max_length=20,
        choices=ListVisibility.choices,
        default=ListVisibility.REGISTERED,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("participant category")
        verbose_name_plural = _("participant categories")
        ordering = ["registration", "position", "id"]
        constraints = [
            visible_text_constraint("name", "category_name_visible"),
            models.UniqueConstraint(
                fields=["registration", "code"],
                name="category_code_unique",
                violation_error_message=_(
                    "This registration already has a category with this code."
                ),
            ),
            CheckConstraint(
                condition=Q(kind__in=CategoryKind.values),
                name="category_kind_valid",
            ),
            CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="category_colour_hex",
                violation_error_message=_("Give the colour as #RRGGBB."),
            ),
            CheckConstraint(
                condition=Q(organisation_kind="") | Q(kind=CategoryKind.STAKEHOLDER),
                name="category_organisation_kind_stakeholders",
                violation_error_message=_("Only stakeholder categories take an organisation kind."),
                fields=["organisation_kind"],
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str | None) -> str:
        """The name in `language` (a badge's, a letter's), else the original name."""
        column = column_for("name", language) if language else None
        return (getattr(self, column) if column else "") or self.name


class Quota(models.Model):
    """Seats of a category: overall, or per delegation (a default, or for one delegation).

    `plus_head_of_delegation`: the head of delegation comes on top of the seats ("head of
    delegation plus two per government").
    """

    category = models.ForeignKey(
        "registration.ParticipantCategory",
        on_delete=models.CASCADE,
        related_name="quotas",
        verbose_name=_("category"),
    )
    scope = models.CharField(_("scope"), max_length=20, choices=QuotaScope.choices)
    seats = models.PositiveIntegerField(_("seats"))
    plus_head_of_delegation = models.BooleanField(_("plus the head of delegation"), default=False)
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("only for government"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("only for organisation"),
    )

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["category", "scope", "id"]
        constraints = [
            CheckConstraint(condition=Q(scope__in=QuotaScope.values), name="quota_scope_valid"),
            CheckConstraint(
                condition=Q(country__isnull=True) | Q(organisation__isnull=True),
                name="quota_one_delegation",
                violation_error_message=_("A quota names one government or one organisation."),
            ),
            CheckConstraint(
                condition=Q(scope=QuotaScope.PER_DELEGATION)
                | (Q(country__isnull=True) & Q(organisation__isnull=True)),
                name="quota_overall_no_delegation",
                violation_error_message=_("A whole-category quota names no delegation."),
                fields=["scope"],
            ),
            CheckConstraint(
                condition=Q(scope=QuotaScope.PER_DELEGATION) | Q(plus_head_of_delegation=False),
                name="quota_head_per_delegation",
                violation_error_message=_(
                    "Only a per-delegation quota adds the head of delegation."
                ),
                fields=["plus_head_of_delegation"],
            ),
            models.UniqueConstraint(
                fields=["category", "scope"],
                condition=Q(country__isnull=True, organisation__isnull=True),
                name="quota_default_once",
                violation_error_message=_("This category already has this quota."),
            ),
            models.UniqueConstraint(
                fields=["category", "country"],
                condition=Q(country__isnull=False),
                name="quota_country_once",
                violation_error_message=_("This government already has a quota here."),
            ),
            models.UniqueConstraint(
                fields=["category", "organisation"],
                condition=Q(organisation__isnull=False),
                name="quota_organisation_once",
                violation_error_message=_("This organisation already has a quota here."),
            ),
        ]

    def __str__(self) -> str:
        who = self.country or self.organisation or self.get_scope_display()
        return f"{self.category}: {who} ({self.seats})"
