"""The Steering Group balance report: developed/developing and regions, against the policy;
each member's migration perspective, unbroken years on the Steering Group and whether the
informal rotation rule (BalancePolicy.max_consecutive_years) says it is due to rotate off;
the mechanisms in the Steering Group, listed apart and never counted. Every imbalance is a
warning, never a refusal."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gfmd.enums import M49_REGIONS, DevelopmentStatus, MechanismBody, MigrationPerspective
from gfmd.models import BalancePolicy, Edition, MechanismParticipation, SteeringGroupMembership


@dataclass(frozen=True)
class BalanceSeat:
    iso3: str
    perspective: str
    perspective_overridden: bool
    perspective_override_reason: str
    serving_since: date
    consecutive_years: int
    due_to_rotate: bool


@dataclass(frozen=True)
class BalanceReport:
    on: date
    policy: BalancePolicy | None
    members: list[SteeringGroupMembership]
    developed: int
    developing: int
    regions_represented: list[str]
    regions_missing: list[str]
    required_regions_missing: list[str]
    overrides: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seats: list[BalanceSeat] = field(default_factory=list)
    mechanisms: list[MechanismParticipation] = field(default_factory=list)

    @property
    def perspectives(self) -> dict[str, int]:
        counts = Counter(seat.perspective or "unknown" for seat in self.seats)
        return {key: counts.get(key, 0) for key in [*MigrationPerspective.values, "unknown"]}

    @property
    def due_to_rotate(self) -> list[str]:
        return [seat.iso3 for seat in self.seats if seat.due_to_rotate]

    @property
    def total(self) -> int:
        return self.developed + self.developing

    @property
    def developed_share(self) -> Decimal | None:
        if not self.total:
            return None
        return (Decimal(self.developed) / Decimal(self.total)).quantize(Decimal("0.01"))

    @property
    def is_balanced(self) -> bool:
        return not self.warnings


def report_date_for_edition(edition: Edition) -> date:
    """The date an edition's balance is judged on: its Forum start, else mid-year."""
    return edition.start_date or date(edition.year_start, 7, 1)


def policy_on(on: date) -> BalancePolicy | None:
    return BalancePolicy.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


def steering_members_on(on: date):
    return (
        SteeringGroupMembership.objects.filter(start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("country")
        .order_by("country__name")
    )


def developed_developing_on(days: list[date]) -> dict[date, tuple[int, int]]:
    """(developed, developing) Steering Group members on each day, in one query whatever
    the number of days (the balance history of the dashboard and the balance page)."""
    if not days:
        return {}
    terms = list(
        SteeringGroupMembership.objects.filter(start_date__lte=max(days))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=min(days)))
        .select_related("country")
    )
    counts = {}
    for day in days:
        serving = [
            t for t in terms if t.start_date <= day and (t.end_date is None or t.end_date >= day)
        ]
        developed = sum(
            1 for t in serving if t.country.development_status == DevelopmentStatus.DEVELOPED
        )
        counts[day] = (developed, len(serving) - developed)
    return counts


def mechanisms_in_steering_group_on(on: date):
    return (
        MechanismParticipation.objects.filter(body=MechanismBody.STEERING_GROUP)
        .filter(start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("mechanism")
        .order_by("mechanism__since_year", "mechanism__name")
    )


def _full_years(since: date, on: date) -> int:
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def _serving_since(on: date) -> dict[int, date]:
    """country id -> start of its unbroken run of terms up to `on`, for the countries
    serving on `on` (one query, rows as tuples): terms that follow one another without a
    day's gap count as one run."""
    serving = steering_members_on(on).values("country_id")
    terms = defaultdict(list)
    for country_id, start_date, end_date in (
        SteeringGroupMembership.objects.filter(country_id__in=serving, start_date__lte=on)
        .order_by("country_id", "-start_date")
        .values_list("country_id", "start_date", "end_date")
    ):
        terms[country_id].append((start_date, end_date))
    since = {}
    for country_id, runs in terms.items():
        start = runs[0][0]
        for earlier_start, earlier_end in runs[1:]:
            if earlier_end is None or earlier_end >= start - timedelta(days=1):
                start = min(start, earlier_start)
            else:
                break
        since[country_id] = start
    return since


def _seats(members, policy, on: date) -> list[BalanceSeat]:
    since = _serving_since(on)
    limit = policy.max_consecutive_years if policy else None
    seats = []
    for m in members:
        start = since.get(m.country_id, m.start_date)
        years = _full_years(start, on)
        seats.append(
            BalanceSeat(
                iso3=m.country.iso3,
                perspective=m.country.perspective,
                perspective_overridden=bool(m.country.perspective_override),
                perspective_override_reason=m.country.perspective_override_reason,
                serving_since=start,
                consecutive_years=years,
                due_to_rotate=bool(limit) and years >= limit,
            )
        )
    return seats


def balance_report(on: date) -> BalanceReport:
    members = list(steering_members_on(on))
    policy = policy_on(on)
    seats = _seats(members, policy, on)
    developed = sum(
        1 for m in members if m.country.development_status == DevelopmentStatus.DEVELOPED
    )
    developing = len(members) - developed
    represented = sorted({m.country.region for m in members})
    missing = [r for r in M49_REGIONS if r not in represented]
    required = list(policy.required_regions) if policy else []
    required_missing = [r for r in required if r not in represented]
    overrides = [
        {
            "country": m.country.name,
            "iso3": m.country.iso3,
            "default": m.country.development_default,
            "override": m.country.development_override,
            "reason": m.country.override_reason,
        }
        for m in members
        if m.country.is_overridden
    ]
    warnings = []
    if policy is None:
        warnings.append(_("No balance policy is in force on this date."))
    if not members:
        warnings.append(_("The Steering Group has no members on this date."))
    elif policy is not None:
        share = Decimal(developed) / Decimal(len(members))
        low = policy.target_developed_share - policy.tolerance
        high = policy.target_developed_share + policy.tolerance
        if not (low <= share <= high):
            warnings.append(
                _(
                    "Developed share %(share)s is outside the policy's %(target)s +/- "
                    "%(tolerance)s (%(developed)d developed, %(developing)d developing)."
                )
                % {
                    "share": number_format(share, 2),
                    "target": number_format(policy.target_developed_share, 2),
                    "tolerance": number_format(policy.tolerance, 2),
                    "developed": developed,
                    "developing": developing,
                }
            )
    if required_missing:
        warnings.append(
            _("Required regions not represented: %(regions)s.")
            % {"regions": ", ".join(required_missing)}
        )
    due = [seat.iso3 for seat in seats if seat.due_to_rotate]
    if due:
        warnings.append(
            _(
                "Due to rotate off under the informal rule of %(years)d consecutive years: "
                "%(members)s."
            )
            % {"years": policy.max_consecutive_years, "members": ", ".join(due)}
        )
    return BalanceReport(
        on=on,
        seats=seats,
        mechanisms=list(mechanisms_in_steering_group_on(on)),
        policy=policy,
        members=members,
        developed=developed,
        developing=developing,
        regions_represented=represented,
        regions_missing=missing,
        required_regions_missing=required_missing,
        overrides=overrides,
        warnings=warnings,
    )
