"""The Civil Society Days' selection policy: pure Python over candidates and the policy's
numbers, run by the one selection engine (gfmd/platform/selection.py), which the Platform
for Partnerships' call for talks uses too. This module says what is particular to the
CSD: the candidates (nominated delegates), the merit order, the reserved places and the
caps, and the words of their explanations. `proposal_run` in services/selection.py feeds
it and stores what it returns.

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

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from civil_society.enums import Sector
from gfmd.platform.selection import Cap, Reserve, SelectionResult, Verdict, select

__all__ = ["Candidate", "PolicyTerms", "SelectionResult", "Verdict", "compute_selection"]

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


class CSDPolicy:
    """The Civil Society Days' terms as the selection engine's policy
    (gfmd/platform/selection.py): sector minimums, then regional spread; caps per
    organisation (a final cap: no waitlist place either) and per region."""

    def __init__(self, terms: PolicyTerms):
        self.terms = terms
        self.places = terms.places
        self.waitlist_size = terms.waitlist_size
        self.min_reviews = terms.min_reviews

    def candidate_key(self, c: Candidate) -> int:
        return c.delegate_id

    def review_count(self, c: Candidate) -> int:
        return c.review_count

    def effective(self, c: Candidate) -> Decimal:
        return _effective(c, self.terms)

    def sort_key(self, c: Candidate):
        return _sort_key(c, self.terms)

    def score_text(self, v: Verdict) -> str:
        return _score_text(v, self.terms)

    def reserves(self) -> list[Reserve]:
        terms = self.terms

        def sectors(eligible):
            return [(s, terms.sector_minimums.get(s, 0)) for s in Sector.values]

        def regions(eligible):
            if not terms.min_per_region:
                return []
            found = [r for r in REGION_ORDER if any(c.region == r for c in eligible)]
            found += sorted({c.region for c in eligible} - set(found))
            return [(r, terms.min_per_region) for r in found]

        return [
            Reserve(
                key=lambda c: c.sector,
                groups=sectors,
                reason=lambda sector, count, need: (
                    _("Selected to meet the %(sector)s minimum (%(count)d of %(need)d).")
                    % {"sector": Sector(sector).label, "count": count, "need": need}
                ),
                shortfall=lambda sector, count, need: (
                    _(
                        "%(sector)s: %(count)d of the %(need)d reserved place(s) could be filled; "
                        "not enough eligible candidates."
                    )
                    % {"sector": Sector(sector).label, "count": count, "need": need}
                ),
            ),
            Reserve(
                key=lambda c: c.region,
                groups=regions,
                reason=lambda region, count, need: (
                    _("Selected for regional spread (%(region)s: %(count)d of %(need)d).")
                    % {"region": region, "count": count, "need": need}
                ),
            ),
        ]

    def caps(self) -> list[Cap]:
        return [
            Cap(
                key=lambda c: c.organisation_id,
                limit=self.terms.max_per_organisation,
                blocked=lambda c, count, limit: (
                    _(
                        "%(organisation)s already has %(count)d place(s), the most one "
                        "organisation may hold."
                    )
                    % {"organisation": c.organisation_name, "count": count}
                ),
                final=lambda c, count, rank, score: (
                    _(
                        "Not selected: %(organisation)s already has %(count)d place(s), the most "
                        "one organisation may hold. Rank %(rank)d, %(score)s."
                    )
                    % {
                        "organisation": c.organisation_name,
                        "count": count,
                        "rank": rank,
                        "score": score,
                    }
                ),
            ),
            Cap(
                key=lambda c: c.region,
                limit=self.terms.region_cap,
                blocked=lambda c, count, limit: (
                    _("%(region)s already has %(count)d place(s), the policy's regional cap.")
                    % {"region": c.region, "count": limit}
                ),
            ),
        ]


def compute_selection(terms: PolicyTerms, candidates: list[Candidate]) -> SelectionResult:
    return select(CSDPolicy(terms), candidates)
