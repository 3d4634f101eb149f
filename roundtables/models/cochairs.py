from django.conf import settings
from django.db import models
from django.db.models import Q

from gfmd.platform.models.checks import CheckConstraint
from roundtables.enums import CoChairOrigin, CoChairState, Seat, TeamState

ACTIVE_COCHAIR_STATES = [CoChairState.PROPOSED, CoChairState.CONFIRMED]
ACTIVE_TEAM_STATES = [TeamState.REQUESTED, TeamState.ACCEPTED]


class CoChair(models.Model):
    """A government proposed for, or holding, one of a session's two co-chair seats.

    `seat` is fixed at confirmation from the country's development status at that moment
    (policy overrides included); a later change of status does not move a confirmed seat.
    """

    session = models.ForeignKey(
        "roundtables.Session", on_delete=models.CASCADE, related_name="cochairs"
    )
    country = models.ForeignKey("gfmd.Country", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        max_length=12, choices=CoChairState.choices, default=CoChairState.PROPOSED
    )
    origin = models.CharField(max_length=12, choices=CoChairOrigin.choices)
    seat = models.CharField(max_length=12, choices=Seat.choices, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Reason given with the latest transition.")

    class Meta:
        ordering = ["session_id", "id"]
        verbose_name = "co-chair"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "seat"],
                condition=Q(state=CoChairState.CONFIRMED),
                name="cochair_one_confirmed_per_seat",
                violation_error_message="This session already has a confirmed co-chair for "
                "this seat (one developed, one developing).",
            ),
            models.UniqueConstraint(
                fields=["session", "country"],
                condition=Q(state__in=ACTIVE_COCHAIR_STATES),
                name="cochair_country_active_once",
                violation_error_message="This government is already proposed for or "
                "co-chairing this session.",
            ),
            CheckConstraint(
                condition=~Q(state=CoChairState.CONFIRMED) | ~Q(seat=""),
                name="cochair_confirmed_has_seat",
                violation_error_message="A confirmed co-chair holds a seat.",
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
    """A government volunteering for, or on, a session's government team."""

    session = models.ForeignKey(
        "roundtables.Session", on_delete=models.CASCADE, related_name="team"
    )
    country = models.ForeignKey("gfmd.Country", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=12, choices=TeamState.choices, default=TeamState.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["session_id", "id"]
        verbose_name = "government team membership"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "country"],
                condition=Q(state__in=ACTIVE_TEAM_STATES),
                name="team_country_active_once",
                violation_error_message="This government has already asked to join, or is "
                "on, this session's team.",
            ),
            CheckConstraint(condition=Q(state__in=TeamState.values), name="team_state_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.country} - {self.get_state_display()}"
