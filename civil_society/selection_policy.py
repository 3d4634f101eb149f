"""The selection algorithm: pure Python over candidates and the policy's numbers.

No database access here, so the rules are easy to read and to test. `proposal_run` in
services/selection.py feeds it and stores what it returns.

Order of work (docs/civil_society.md explains the why):
1. Eligibility: an application needs the policy's minimum number of reviews.
2. Merit order: average review score plus the priority bonus for migrant- or diaspora-led
   organisations; ties broken by the raw average, then priority, then the delegate's
   position in the application, then earlier submission, then the lower delegate id.
3. Sector minimums (the larger of the minimum and the share), in the sectors' fixed order.
4. Regional spread: at least `min_per_region` for every region with eligible candidates.
5. Remaining places on merit. Throughout, no organisation beyond `max_per_organisation`
   and no region beyond `max_region_share` of the places.
6. Waitlist: the next best eligible candidates, up to `waitlist_size`, in merit order.

The explanations (`Verdict.reason`, `SelectionResult.warnings`) are written in the active
language when the selection runs (gettext) and stored as written.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from civil_society.enums import Outcome, Sector

REGION_ORDER = ("Africa", "Americas", "Asia", "Europe", "Oceania")
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class PolicyTerms:
    places: int
    waitlist_size: int
    sector_minimums: dict[str, int]
    priority_bonus: Decimal
    min_per_region: int
    max_region_share: Decimal | None
    max_per_organisation: int
    min_reviews: int

    @classmethod
    def from_policy(cls, policy) -> "PolicyTerms":
        return cls(
            places=policy.places,
            waitlist_size=policy.waitlist_size,
            sector_minimums={s: policy.sector_minimum(s) for s in Sector.values},
            priority_bonus=Decimal(policy.priority_bonus),
            min_per_region=policy.min_per_region,
            max_region_share=(
                Decimal(policy.max_region_share) if policy.max_region_share is not None else None
            ),
            max_per_organisation=policy.max_per_organisation,
            min_reviews=policy.min_reviews,
        )

    def as_json(self) -> dict:
        return {
            "places": self.places,
            "waitlist_size": self.waitlist_size,
            "sector_minimums": self.sector_minimums,
            "priority_bonus": str(self.priority_bonus),
            "min_per_region": self.min_per_region,
            "max_region_share": (
                str(self.max_region_share) if self.max_region_share is not None else None
            ),
            "max_per_organisation": self.max_per_organisation,
            "min_reviews": self.min_reviews,
        }

    @property
    def region_cap(self) -> int | None:
        if self.max_region_share is None:
            return None
        cap = (self.max_region_share * self.places).to_integral_value(rounding=ROUND_FLOOR)
        return max(int(cap), 1)


@dataclass(frozen=True)
class Candidate:
    delegate_id: int
    organisation_id: int
    organisation_name: str
    sector: str
    region: str
    has_priority: bool
    led_label: str
    average_score: Decimal | None
    review_count: int
    position: int
    submitted_at: datetime


@dataclass
class Verdict:
    candidate: Candidate
    rank: int
    effective_score: Decimal | None
    outcome: str = Outcome.OUT
    waitlist_position: int | None = None
    reason: str = ""


@dataclass
class SelectionResult:
    verdicts: list[Verdict]
    warnings: list[str] = field(default_factory=list)

    def by_outcome(self, outcome: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.outcome == outcome]


def _effective(c: Candidate, terms: PolicyTerms) -> Decimal:
    base = c.average_score if c.average_score is not None else Decimal(0)
    bonus = terms.priority_bonus if c.has_priority else Decimal(0)
    return (base + bonus).quantize(TWO_PLACES)


def _sort_key(c: Candidate, terms: PolicyTerms):
    average = c.average_score if c.average_score is not None else Decimal(0)
    return (
        -_effective(c, terms),
        -average,
        0 if c.has_priority else 1,
        c.position,
        c.submitted_at,
        c.delegate_id,
    )


def _score_text(v: Verdict, terms: PolicyTerms) -> str:
    c = v.candidate
    if c.average_score is None:
        return _("no reviews")
    values = {
        "average": number_format(c.average_score, 2),
        "count": c.review_count,
        "bonus": number_format(terms.priority_bonus, 2),
        "led": c.led_label,
    }
    if c.has_priority and terms.priority_bonus:
        return (
            _("average %(average)s from %(count)d review(s) + %(bonus)s priority (%(led)s)")
            % values
        )
    return _("average %(average)s from %(count)d review(s)") % values


def compute_selection(terms: PolicyTerms, candidates: list[Candidate]) -> SelectionResult:
    eligible = sorted(
        (c for c in candidates if c.review_count >= terms.min_reviews and c.review_count > 0),
        key=lambda c: _sort_key(c, terms),
    )
    eligible_ids = {c.delegate_id for c in eligible}
    ineligible = sorted(
        (c for c in candidates if c.delegate_id not in eligible_ids),
        key=lambda c: _sort_key(c, terms),
    )
    verdicts = {
        c.delegate_id: Verdict(c, rank, _effective(c, terms))
        for rank, c in enumerate([*eligible, *ineligible], start=1)
    }
    result = SelectionResult(verdicts=[verdicts[c.delegate_id] for c in [*eligible, *ineligible]])
    for c in ineligible:
        needed = max(terms.min_reviews, 1)
        verdicts[c.delegate_id].reason = _(
            "Not eligible yet: %(count)d of %(needed)d required review(s)."
        ) % {"count": c.review_count, "needed": needed}

    selected: list[Candidate] = []
    chosen: set[int] = set()
    by_sector: Counter = Counter()
    by_region: Counter = Counter()
    by_org: Counter = Counter()
    region_cap = terms.region_cap

    def blocker(c: Candidate) -> str | None:
        if by_org[c.organisation_id] >= terms.max_per_organisation:
            return _(
                "%(organisation)s already has %(count)d place(s), the most one organisation "
                "may hold."
            ) % {"organisation": c.organisation_name, "count": by_org[c.organisation_id]}
        if region_cap is not None and by_region[c.region] >= region_cap:
            return _("%(region)s already has %(count)d place(s), the policy's regional cap.") % {
                "region": c.region,
                "count": region_cap,
            }
        return None

    def take(c: Candidate, reason: str) -> None:
        v = verdicts[c.delegate_id]
        v.outcome = Outcome.SELECTED
        v.reason = _("%(reason)s Rank %(rank)d, %(score)s.") % {
            "reason": reason,
            "rank": v.rank,
            "score": _score_text(v, terms),
        }
        selected.append(c)
        chosen.add(c.delegate_id)
        by_sector[c.sector] += 1
        by_region[c.region] += 1
        by_org[c.organisation_id] += 1

    # Sector minimums.
    for sector in Sector.values:
        need = terms.sector_minimums.get(sector, 0)
        for c in eligible:
            if by_sector[sector] >= need or len(selected) >= terms.places:
                break
            if c.sector != sector or c.delegate_id in chosen or blocker(c):
                continue
            take(
                c,
                _("Selected to meet the %(sector)s minimum (%(count)d of %(need)d).")
                % {"sector": Sector(sector).label, "count": by_sector[sector] + 1, "need": need},
            )
        if by_sector[sector] < need:
            result.warnings.append(
                _(
                    "%(sector)s: %(count)d of the %(need)d reserved place(s) could be filled; "
                    "not enough eligible candidates."
                )
                % {"sector": Sector(sector).label, "count": by_sector[sector], "need": need}
            )

    # Regional spread.
    if terms.min_per_region:
        regions = [r for r in REGION_ORDER if any(c.region == r for c in eligible)]
        regions += sorted({c.region for c in eligible} - set(regions))
        for region in regions:
            for c in eligible:
                if by_region[region] >= terms.min_per_region or len(selected) >= terms.places:
                    break
                if c.region != region or c.delegate_id in chosen or blocker(c):
                    continue
                take(
                    c,
                    _("Selected for regional spread (%(region)s: %(count)d of %(need)d).")
                    % {
                        "region": region,
                        "count": by_region[region] + 1,
                        "need": terms.min_per_region,
                    },
                )

    # Merit.
    held_back: dict[int, str] = {}
    for c in eligible:
        if c.delegate_id in chosen:
            continue
        if len(selected) >= terms.places:
            break
        why = blocker(c)
        if why:
            held_back[c.delegate_id] = why
            continue
        take(c, _("Selected on merit."))

    # Waitlist and the rest.
    position = 0
    for c in eligible:
        if c.delegate_id in chosen:
            continue
        v = verdicts[c.delegate_id]
        org_full = by_org[c.organisation_id] >= terms.max_per_organisation
        if org_full:
            v.reason = _(
                "Not selected: %(organisation)s already has %(count)d place(s), the most one "
                "organisation may hold. Rank %(rank)d, %(score)s."
            ) % {
                "organisation": c.organisation_name,
                "count": by_org[c.organisation_id],
                "rank": v.rank,
                "score": _score_text(v, terms),
            }
            continue
        if position < terms.waitlist_size:
            position += 1
            v.outcome = Outcome.WAITLISTED
            v.waitlist_position = position
            why = held_back.get(c.delegate_id) or (
                _("all %(places)d places went to higher-ranked or reserved candidates.")
                % {"places": terms.places}
            )
            v.reason = _(
                "Waitlisted at position %(position)d: %(why)s Rank %(rank)d, %(score)s."
            ) % {
                "position": position,
                "why": why,
                "rank": v.rank,
                "score": _score_text(v, terms),
            }
        else:
            v.reason = _(
                "Not selected: rank %(rank)d is below the last of %(size)d waitlist place(s); "
                "%(score)s."
            ) % {"rank": v.rank, "size": terms.waitlist_size, "score": _score_text(v, terms)}
    return result
