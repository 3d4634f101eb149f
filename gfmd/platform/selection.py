"""The selection engine of every call with reviews: rank, reserve, cap, fill, waitlist and
explain. Pure Python over candidates, no database, so the rules are easy to read and test.

A call (the Civil Society Days' delegates in civil_society/selection_policy.py, the
Platform for Partnerships' talks in partnerships/services/talks.py) implements
`SelectionPolicy`: its numbers (places, waitlist size, minimum reviews), how a candidate
scores and ties are broken, its reserved places (`Reserve`: e.g. sector minimums,
regional spread) and its caps (`Cap`: e.g. per organisation, per region), and the words of
its own explanations. The engine does the rest in one order:

1. Eligibility: a candidate needs `min_reviews` reviews (and at least one).
2. Merit order by the policy's `sort_key` (rank 1 is the best; the ineligible follow).
3. Reserved places, round by round, group by group, best first.
4. Remaining places on merit. Throughout, a candidate a cap blocks is held back.
5. Waitlist: the next best eligible candidates, up to `waitlist_size`; a candidate whose
   `final` cap is full (e.g. its organisation's) is not waitlisted.

Every verdict gets its explanation (`Verdict.reason`), the run its warnings, written in
the active language when the selection runs (gettext).
"""

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.utils.translation import gettext as _

# Verdicts (the values of the apps' Outcome choices).
SELECTED, WAITLISTED, OUT = "selected", "waitlisted", "out"


@dataclass
class Verdict:
    candidate: Any
    rank: int
    effective_score: Decimal | None
    outcome: str = OUT
    waitlist_position: int | None = None
    reason: str = ""


@dataclass
class SelectionResult:
    verdicts: list[Verdict]
    warnings: list[str] = field(default_factory=list)

    def by_outcome(self, outcome: str) -> list[Verdict]:
        return [v for v in self.verdicts if v.outcome == outcome]


@dataclass(frozen=True)
class Reserve:
    """Reserved places: for each `(group, need)` of `groups(eligible)`, in that order, the
    best eligible candidates whose `key` is the group until `need` are taken.
    `reason(group, count, need)` explains a place taken; `shortfall(group, count, need)`
    warns when too few eligible candidates could fill the reservation."""

    key: Callable[[Any], Hashable]
    groups: Callable[[list], list[tuple[Hashable, int]]]
    reason: Callable[[Hashable, int, int], str]
    shortfall: Callable[[Hashable, int, int], str] | None = None


@dataclass(frozen=True)
class Cap:
    """At most `limit` places per `key` (None: no cap). `blocked(candidate, count, limit)`
    explains a candidate held back; with `final(candidate, count, rank, score_text)` a
    candidate held back by this cap is not waitlisted either, and that is its reason."""

    key: Callable[[Any], Hashable]
    limit: int | None
    blocked: Callable[[Any, int, int], str]
    final: Callable[[Any, int, int, str], str] | None = None


class SelectionPolicy(Protocol):
    places: int
    waitlist_size: int
    min_reviews: int

    def candidate_key(self, candidate) -> Hashable: ...

    def review_count(self, candidate) -> int: ...

    def effective(self, candidate) -> Decimal: ...

    def sort_key(self, candidate) -> tuple: ...

    def score_text(self, verdict: Verdict) -> str: ...

    def reserves(self) -> list[Reserve]: ...

    def caps(self) -> list[Cap]: ...


def select(policy: SelectionPolicy, candidates: list) -> SelectionResult:
    key = policy.candidate_key
    eligible = sorted(
        (
            c
            for c in candidates
            if policy.review_count(c) >= policy.min_reviews and policy.review_count(c) > 0
        ),
        key=policy.sort_key,
    )
    eligible_keys = {key(c) for c in eligible}
    ineligible = sorted((c for c in candidates if key(c) not in eligible_keys), key=policy.sort_key)
    ordered = [*eligible, *ineligible]
    verdicts = {
        key(c): Verdict(c, rank, policy.effective(c)) for rank, c in enumerate(ordered, start=1)
    }
    result = SelectionResult(verdicts=[verdicts[key(c)] for c in ordered])
    for c in ineligible:
        needed = max(policy.min_reviews, 1)
        verdicts[key(c)].reason = _(
            "Not eligible yet: %(count)d of %(needed)d required review(s)."
        ) % {"count": policy.review_count(c), "needed": needed}

    caps = [cap for cap in policy.caps() if cap.limit is not None]
    counts = [Counter() for _cap in caps]
    reserves = list(policy.reserves())
    # Places held per reserve group, whichever round gave them (a region counts the
    # candidates a sector minimum took).
    held = [Counter() for _reserve in reserves]
    selected: list = []
    chosen: set = set()

    def blocker(c) -> str | None:
        for cap, count in zip(caps, counts, strict=True):
            group = cap.key(c)
            if count[group] >= cap.limit:
                return cap.blocked(c, count[group], cap.limit)
        return None

    def take(c, reason: str) -> None:
        v = verdicts[key(c)]
        v.outcome = SELECTED
        v.reason = _("%(reason)s Rank %(rank)d, %(score)s.") % {
            "reason": reason,
            "rank": v.rank,
            "score": policy.score_text(v),
        }
        selected.append(c)
        chosen.add(key(c))
        for cap, count in zip(caps, counts, strict=True):
            count[cap.key(c)] += 1
        for reserve, count in zip(reserves, held, strict=True):
            count[reserve.key(c)] += 1

    for reserve, taken in zip(reserves, held, strict=True):
        for group, need in reserve.groups(eligible):
            for c in eligible:
                if taken[group] >= need or len(selected) >= policy.places:
                    break
                if reserve.key(c) != group or key(c) in chosen or blocker(c):
                    continue
                take(c, reserve.reason(group, taken[group] + 1, need))
            if taken[group] < need and reserve.shortfall is not None:
                result.warnings.append(reserve.shortfall(group, taken[group], need))

    held_back: dict = {}
    for c in eligible:
        if key(c) in chosen:
            continue
        if len(selected) >= policy.places:
            break
        why = blocker(c)
        if why:
            held_back[key(c)] = why
            continue
        take(c, _("Selected on merit."))

    position = 0
    for c in eligible:
        if key(c) in chosen:
            continue
        v = verdicts[key(c)]
        final = next(
            (
                (cap, count[cap.key(c)])
                for cap, count in zip(caps, counts, strict=True)
                if cap.final is not None and count[cap.key(c)] >= cap.limit
            ),
            None,
        )
        if final is not None:
            cap, count = final
            v.reason = cap.final(c, count, v.rank, policy.score_text(v))
            continue
        if position < policy.waitlist_size:
            position += 1
            v.outcome = WAITLISTED
            v.waitlist_position = position
            why = held_back.get(key(c)) or (
                _("all %(places)d places went to higher-ranked or reserved candidates.")
                % {"places": policy.places}
            )
            v.reason = _(
                "Waitlisted at position %(position)d: %(why)s Rank %(rank)d, %(score)s."
            ) % {"position": position, "why": why, "rank": v.rank, "score": policy.score_text(v)}
        else:
            v.reason = _(
                "Not selected: rank %(rank)d is below the last of %(size)d waitlist place(s); "
                "%(score)s."
            ) % {"rank": v.rank, "size": policy.waitlist_size, "score": policy.score_text(v)}
    return result
