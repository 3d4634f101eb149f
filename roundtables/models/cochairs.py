from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint, one_of
from roundtables.enums import CoChairOrigin, CoChairState, Seat, TeamState

ACTIVE_COCHAIR_STATES = [CoChairState.PROPOSED, CoChairState.CONFIRMED]
ACTIVE_TEAM_STATES = [TeamState.REQUESTED, TeamState.ACCEPTED]


class CoChair(models.Model):
    """A government proposed for, or holding, one of a session's two co-chair seats.

    `seat` is fixed at confirmation from the country's development status at that moment
    (policy overrides included); a later change of status does not move a confirmed seat.
    """

    session = models.ForeignKey(
        "roundtables.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="cochairs",
    )
    country = models.ForeignKey(
        "gfmd.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=12, choices=CoChairState.choices, default=CoChairState.PROPOSED
    )
    origin = models.CharField(_("origin"), max_length=12, choices=CoChairOrigin.choices)
    seat = models.CharField(_("seat"), max_length=12, choices=Seat.choices, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Reason given with the latest transition.")
    )

    class Meta:
        ordering = ["session_id", "id"]
        verbose_name = _("co-chair")
        verbose_name_plural = _("co-chairs")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "seat"],
                condition=Q(state=CoChairState.CONFIRMED),
                name="cochair_one_confirmed_per_seat",
                violation_error_message=_(
                    "This session already has a confirmed co-chair for "
                    "this seat (one developed, one developing)."
                ),
            ),
            models.UniqueConstraint(
                fields=["session", "country"],
                condition=Q(state__in=ACTIVE_COCHAIR_STATES),
                name="cochair_country_active_once",
                violation_error_message=_(
                    "This government is already proposed for or co-chairing this session."
                ),
            ),
            CheckConstraint(
                condition=~Q(state=CoChairState.CONFIRMED) | ~Q(seat=""),
                name="cochair_confirmed_has_seat",
                violation_error_message=_("A confirmed co-chair holds a seat."),
            ),
            CheckConstraint(
                condition=Q(state__in=CoChairState.values),
                name="cochair_state_valid",
            ),
            CheckConstraint(
                condition=Q(seat__in=["", *Seat.values]),
                name="cochair_seat_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} - {self.get_state_display()}"


class TeamMembership(models.Model):
    """A government volunteering for, or on, a session's government team, or a stakeholder
    mechanism taking part in it (exactly one of the two: `team_one_body`)."""

    session = models.ForeignKey(
        "roundtables.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="team",
    )
    country = models.ForeignKey(
        "gfmd.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mechanism = models.ForeignKey(
        "gfmd.Mechanism",
        verbose_name=_("mechanism"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=TeamState.choices, default=TeamState.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["session_id", "id"]
        verbose_name = _("government team membership")
        verbose_name_plural = _("government team memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "country"],
                condition=Q(state__in=ACTIVE_TEAM_STATES),
                name="team_country_active_once",
                violation_error_message=_(
                    "This government has already asked to join, or is on, this session's team."
                ),
            ),
            models.UniqueConstraint(
                fields=["session", "mechanism"],
                condition=Q(state__in=ACTIVE_TEAM_STATES),
                name="team_mechanism_active_once",
                violation_error_message=_(
                    "This mechanism has already asked to join, or is on, this session's team."
                ),
            ),
            CheckConstraint(
                condition=one_of("country", "mechanism"),
                name="team_one_body",
                violation_error_message=_(
                    "A team member is exactly one government or one mechanism."
                ),
            ),
            CheckConstraint(condition=Q(state__in=TeamState.values), name="team_state_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.body} - {self.get_state_display()}"

    @property
    def body(self):
        return self.country or self.mechanism
