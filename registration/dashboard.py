"""The registration panel of the cycle dashboard: the participants of the edition's
meetings by state (the funnel) and the approved against each category's overall quota."""

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gfmd.platform import charts
from gfmd.platform.dashboard import Figure, Panel, PanelSource, register
from registration.enums import ParticipantState, QuotaScope
from registration.models import Participant, ParticipantCategory, Quota

FUNNEL = (
    ParticipantState.SUBMITTED,
    ParticipantState.APPROVED,
    ParticipantState.WAITLISTED,
    ParticipantState.REJECTED,
)


def registration_panel(edition, user) -> Panel | None:
    by_state = dict(
        Participant.objects.filter(registration__meeting__edition=edition)
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    if not by_state:
        return None
    categories = list(
        ParticipantCategory.objects.filter(registration__meeting__edition=edition)
        .select_related("registration__meeting")
        .annotate(
            approved=Count(
                "participants",
                filter=Q(participants__state=ParticipantState.APPROVED),
                distinct=True,
            ),
            # a subquery: summed over the participants join, the seats would multiply
            seats=Subquery(
                Quota.objects.filter(category=OuterRef("pk"), scope=QuotaScope.OVERALL)
                .values("category")
                .annotate(total=Sum("seats"))
                .values("total")[:1]
            ),
        )
        .order_by("registration_id", "position", "id")
    )
    queue = reverse("admin:registration_participant_changelist")
    total = sum(by_state.values())
    rows = [(c.name, c.approved, c.seats) for c in categories if c.seats]
    return Panel(
        key="registration",
        title=_("Registration"),
        figures=[
            Figure(
                label,
                by_state.get(state, 0),
                _("Participants nominated for this edition's meetings in this state now."),
                f"{queue}?{urlencode({'state__exact': state})}",
            )
            for state, label in ParticipantState.choices
            if state in FUNNEL
        ],
        chart_svg=charts.progress_bars(
            _("Registration funnel"),
            [(str(ParticipantState(s).label), by_state.get(s, 0), total) for s in FUNNEL],
        ),
        table_headers=[_("Category"), _("Approved"), _("Quota")],
        table_rows=[[name, approved, seats] for name, approved, seats in rows],
        notes=[
            _(
                "Quotas shown are the categories' overall seats; per-delegation quotas are "
                "checked on approval."
            )
        ]
        if rows
        else [],
    )


def register_panels() -> None:
    register(PanelSource("registration", 65, registration_panel))
