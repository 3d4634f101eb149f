"""Read queries for the programme: themes, roundtables, sessions, co-chairs, teams, board."""

import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat

from gfmd.models import Edition
from gfmd.rules import can_read_records
from roundtables.enums import CoChairState, Seat, TeamState
from roundtables.models import CoChair, Roundtable, Session, TeamMembership, Theme


def _readable(user, queryset):
    return queryset if can_read_records(user) else queryset.none()


def _per_theme(aggregate):
    """A count over the theme's sessions as a subquery: no GROUP BY on the theme query, so
    it can be locked (select_for_update) for a conditional update."""
    sessions = (
        Session.objects.filter(theme=OuterRef("pk"))
        .order_by()
        .values("theme")
        .annotate(n=aggregate)
        .values("n")[:1]
    )
    return Coalesce(Subquery(sessions), 0)


def themes_for_user(user):
    return _readable(
        user,
        Theme.objects.annotate(
            session_count=_per_theme(Count("id")),
            edition_count=_per_theme(Count("roundtable__edition", distinct=True)),
        )
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("roundtable__edition").order_by(
                    "roundtable__edition__ordinal", "roundtable__number", "number"
                ),
            )
        )
        .order_by("name", "id"),
    )


def roundtables_for_user(user):
    return _readable(
        user,
        Roundtable.objects.select_related("edition")
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("number")))
        .order_by("edition__ordinal", "number", "id"),
    )


def sessions_with_details():
    """Sessions with everything the session page and the board show, in fixed queries."""
    return Session.objects.select_related("roundtable__edition", "theme").prefetch_related(
        "documents",
        Prefetch(
            "cochairs",
            queryset=CoChair.objects.select_related("country").order_by("id"),
        ),
        Prefetch(
            "team",
            queryset=TeamMembership.objects.select_related("country", "mechanism").order_by("id"),
        ),
    )


def sessions_for_user(user, *, details=True, keys_only=False):
    """`details=False`: the sessions alone (with roundtable and edition), for callers that
    read co-chairs, team and paper otherwise. `keys_only=True`: the readable sessions in
    order, no join or prefetch, for callers that read only their keys (a list or detail
    whose payload an output spec writes, a search's scope)."""
    if keys_only:
        sessions = Session.objects.all()
    elif details:
        sessions = sessions_with_details()
    else:
        sessions = Session.objects.select_related("roundtable__edition", "theme").prefetch_related(
            "documents"
        )
    return _readable(
        user,
        sessions.order_by("roundtable__edition__ordinal", "roundtable__number", "number", "id"),
    )


def cochairs_for_user(user):
    return _readable(
        user,
        CoChair.objects.select_related("country", "session__roundtable__edition").order_by(
            "session_id", "id"
        ),
    )


def team_for_user(user):
    return _readable(
        user,
        TeamMembership.objects.select_related(
            "country", "mechanism", "session__roundtable__edition"
        ).order_by("session_id", "id"),
    )


# --- derived facts about a session (work on prefetched rows: no queries) -----------------


def confirmed_cochairs(session) -> dict:
    """{seat: CoChair} of the confirmed co-chairs."""
    return {c.seat: c for c in session.cochairs.all() if c.state == CoChairState.CONFIRMED}


def open_seats(session) -> list[str]:
    taken = confirmed_cochairs(session)
    return [seat for seat in Seat.values if seat not in taken]


def is_ready(session) -> bool:
    return not open_seats(session)


def _seat_taken(seat: str):
    return Exists(
        CoChair.objects.filter(session=OuterRef("pk"), state=CoChairState.CONFIRMED, seat=seat)
    )


def open_seats_json():
    """`open_seats` in SQL for a session row: its open seats as a JSON array (text)."""
    items = [
        Case(When(~_seat_taken(seat), then=Value(json.dumps(seat) + ",")), default=Value(""))
        for seat in Seat.values
    ]
    return Concat(
        Value("["),
        Func(Concat(*items), Value(","), function="RTRIM", output_field=TextField()),
        Value("]"),
        output_field=TextField(),
    )


def is_ready_expression():
    """`is_ready` in SQL for a session row: every seat has a confirmed co-chair."""
    return ExpressionWrapper(
        Q(*[_seat_taken(seat) for seat in Seat.values]), output_field=BooleanField()
    )


def accepted_team(session) -> list:
    return [m for m in session.team.all() if m.state == TeamState.ACCEPTED]


@dataclass
class SeatOverview:
    edition: Edition
    sessions: list
    open_seats: list = field(default_factory=list)  # (session, seat)
    multi_session_cochairs: list = field(default_factory=list)  # (country, [sessions])

    @property
    def ready_count(self) -> int:
        return sum(1 for s in self.sessions if is_ready(s))


def seat_overview(edition: Edition) -> SeatOverview:
    """Per edition: open seats, and governments co-chairing more than one session (flag)."""
    sessions = list(
        sessions_with_details()
        .filter(roundtable__edition=edition)
        .order_by("roundtable__number", "number", "id")
    )
    overview = SeatOverview(edition=edition, sessions=sessions)
    by_country = defaultdict(list)
    countries = {}
    for session in sessions:
        for seat in open_seats(session):
            overview.open_seats.append((session, seat))
        for cochair in confirmed_cochairs(session).values():
            by_country[cochair.country_id].append(session)
            countries[cochair.country_id] = cochair.country
    overview.multi_session_cochairs = sorted(
        ((countries[cid], found) for cid, found in by_country.items() if len(found) > 1),
        key=lambda pair: pair[0].name,
    )
    return overview


def editions_with_roundtables():
    return Edition.objects.filter(Q(roundtables__isnull=False)).distinct().order_by("-ordinal")
