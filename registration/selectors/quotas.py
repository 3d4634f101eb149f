"""Seats against quotas: the counts behind every approval and the admin's at-a-glance view.

A participant holds a seat once approved. A quota is either for the whole category, or per
delegation (a default for every delegation, or a row naming one government or
organisation, which replaces the default for it). `plus_head_of_delegation` gives the head
a seat of their own on top of the per-delegation seats.
"""

from dataclasses import asdict, dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext

from registration.enums import ParticipantState, QuotaScope
from registration.models import Participant, Quota


@dataclass(frozen=True)
class QuotaLine:
    quota_id: int
    label: str
    seats: int
    taken: int

    @property
    def full(self) -> bool:
        return self.taken >= self.seats

    def as_dict(self) -> dict:
        return {**asdict(self), "full": self.full}


@dataclass(frozen=True)
class SeatCheck:
    lines: tuple[QuotaLine, ...]

    @property
    def full_line(self) -> QuotaLine | None:
        return next((line for line in self.lines if line.full), None)

    @property
    def ok(self) -> bool:
        return self.full_line is None

    def explain_approved(self) -> str:
        if not self.lines:
            return gettext("Approved: the category has no quota.")
        return gettext("Approved: a seat was free in every quota (%(counts)s).") % {
            "counts": "; ".join(_count(line, after=1) for line in self.lines)
        }

    def explain_waitlisted(self, position: int) -> str:
        line = self.full_line
        return gettext(
            "Waitlisted at position %(position)d: the quota %(quota)s is full "
            "(%(taken)d of %(seats)d seats taken)."
        ) % {"position": position, "quota": line.label, "taken": line.taken, "seats": line.seats}

    def as_list(self) -> list[dict]:
        return [line.as_dict() for line in self.lines]


def _count(line: QuotaLine, after: int = 0) -> str:
    return gettext("%(quota)s: %(taken)d of %(seats)d") % {
        "quota": line.label,
        "taken": line.taken + after,
        "seats": line.seats,
    }


def _approved():
    return Participant.objects.filter(state=ParticipantState.APPROVED)


def delegation_quota(quotas, participant) -> Quota | None:
    """The per-delegation quota for the participant's delegation: its own row, else the default."""
    per = [q for q in quotas if q.scope == QuotaScope.PER_DELEGATION]
    for quota in per:
        if (quota.country_id and quota.country_id == participant.country_id) or (
            quota.organisation_id and quota.organisation_id == participant.organisation_id
        ):
            return quota
    return next((q for q in per if not q.country_id and not q.organisation_id), None)


def seat_check(participant: Participant) -> SeatCheck:
    """The quotas that apply to the participant, with the seats already taken (not counting
    the participant). Three queries at most, whatever the volume."""
    quotas = list(Quota.objects.filter(category_id=participant.category_id))
    category_name = str(participant.category)
    lines = []
    approved = _approved().filter(category_id=participant.category_id).exclude(pk=participant.pk)
    overall = next((q for q in quotas if q.scope == QuotaScope.OVERALL), None)
    if overall is not None:
        label = gettext("%(category)s (whole category)") % {"category": category_name}
        lines.append(QuotaLine(overall.pk, label, overall.seats, approved.count()))
    quota = delegation_quota(quotas, participant)
    delegation = participant.country or participant.organisation
    if quota is not None and delegation is not None:
        mine = approved.filter(
            country_id=participant.country_id, organisation_id=participant.organisation_id
        )
        if quota.plus_head_of_delegation and participant.is_head_of_delegation:
            label = gettext("%(category)s, head of delegation of %(delegation)s") % {
                "category": category_name,
                "delegation": delegation,
            }
            taken = mine.filter(is_head_of_delegation=True).count()
            lines.append(QuotaLine(quota.pk, label, 1, taken))
        else:
            if quota.plus_head_of_delegation:
                mine = mine.filter(is_head_of_delegation=False)
            label = gettext("%(category)s, %(delegation)s") % {
                "category": category_name,
                "delegation": delegation,
            }
            lines.append(QuotaLine(quota.pk, label, quota.seats, mine.count()))
    return SeatCheck(tuple(lines))


def quota_usage(registration_id: int) -> list[dict]:
    """Every quota of the registration with its seats taken (approved) and waiting, for the
    admin's at-a-glance view. Two queries, whatever the number of quotas or participants."""
    quotas = list(
        Quota.objects.filter(category__registration_id=registration_id)
        .select_related("category", "country", "organisation")
        .order_by("category__position", "category_id", "scope", "id")
    )
    counts = (
        Participant.objects.filter(registration_id=registration_id)
        .values("category_id", "country_id", "organisation_id")
        .annotate(
            approved=Count("id", filter=Q(state=ParticipantState.APPROVED)),
            heads=Count(
                "id", filter=Q(state=ParticipantState.APPROVED, is_head_of_delegation=True)
            ),
            waiting=Count("id", filter=Q(state=ParticipantState.WAITLISTED)),
        )
    )
    by_category: dict[int, list[dict]] = {}
    for row in counts:
        by_category.setdefault(row["category_id"], []).append(row)
    usage = []
    for quota in quotas:
        rows = by_category.get(quota.category_id, [])
        if quota.plus_head_of_delegation and quota.scope == QuotaScope.PER_DELEGATION:
            # the head's seat is on top (as seat_check counts)
            rows = [{**r, "approved": r["approved"] - r["heads"]} for r in rows]
        if quota.scope == QuotaScope.OVERALL:
            taken = sum(r["approved"] for r in rows)
            waiting = sum(r["waiting"] for r in rows)
            who = gettext("whole category")
        elif quota.country_id or quota.organisation_id:
            own = [
                r
                for r in rows
                if (quota.country_id and r["country_id"] == quota.country_id)
                or (quota.organisation_id and r["organisation_id"] == quota.organisation_id)
            ]
            taken = sum(r["approved"] for r in own)
            waiting = sum(r["waiting"] for r in own)
            who = str(quota.country or quota.organisation)
        else:
            delegations = [r for r in rows if r["country_id"] or r["organisation_id"]]
            taken = max((r["approved"] for r in delegations), default=0)
            waiting = sum(r["waiting"] for r in delegations)
            who = gettext("each delegation (fullest shown)")
        usage.append(
            {
                "quota": quota,
                "category": quota.category,
                "who": who,
                "seats": quota.seats,
                "taken": taken,
                "waiting": waiting,
                "full": taken >= quota.seats,
            }
        )
    return usage
