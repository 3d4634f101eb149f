"""The IMRF report's built-in sources: what the Forum produced in a period, by objective.

Each source answers {objective number: [item, ...]} in a fixed number of queries, whatever
the volume, and leaves out what opted-out governments contributed (`excluded`: edition id
-> country ids; key None: every edition). Until outcome documents exist, the findings are
the final working papers of tagged sessions or papers. Practices are added by the
partnerships app through `outcomes.registry.register_source`.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from outcomes.models import (
    CSDRecommendationTag,
    FollowUp,
    InputTag,
    PaperTag,
    RecommendationTag,
    SessionTag,
)
from outcomes.registry import ReportSource, register_source
from roundtables.enums import ROUNDTABLE_PAPER, PaperState

FINAL_STATES = (PaperState.FINAL, PaperState.DISTRIBUTED)


def excluded_q(excluded: dict, country_field: str, edition_field: str) -> Q:
    """Rows contributed by an opted-out government (for every edition or for theirs)."""
    q = Q(pk__in=[])
    everywhere = excluded.get(None, set())
    if everywhere:
        q |= Q(**{f"{country_field}__in": everywhere})
    for edition_id, countries in excluded.items():
        if edition_id is not None and countries:
            q |= Q(**{edition_field: edition_id, f"{country_field}__in": countries})
    return q


def _add(result: dict, number: int, item: dict) -> None:
    """Append once per objective (a paper tagged through its session and itself)."""
    seen = result.setdefault(("seen", number), set())
    key = (item["kind"], item["id"])
    if key not in seen:
        seen.add(key)
        result.setdefault(number, []).append(item)


def _done(result: dict) -> dict:
    return {k: v for k, v in result.items() if not isinstance(k, tuple)}


def findings(period, excluded) -> dict:
    result: dict = {}
    rows = [
        *SessionTag.objects.filter(
            scheme="gcm",
            edition_id__in=period.edition_ids,
            subject__documents__kind=ROUNDTABLE_PAPER,
            subject__documents__state__in=FINAL_STATES,
        ).values_list(
            "objective__number",
            "subject__documents__id",
            "subject__documents__title",
            "subject__roundtable__edition__year_start",
        ),
        *PaperTag.objects.filter(
            scheme="gcm", edition_id__in=period.edition_ids, subject__state__in=FINAL_STATES
        ).values_list(
            "objective__number",
            "subject_id",
            "subject__title",
            "subject__edition__year_start",
        ),
    ]
    for number, paper_id, title, year in sorted(rows, key=lambda r: (r[0], r[3], r[1])):
        _add(
            result,
            number,
            {
                "kind": "paper",
                "id": paper_id,
                "title": title,
                "year": year,
                "url": f"/api/v1/papers/{paper_id}/",
            },
        )
    return _done(result)


def inputs(period, excluded) -> dict:
    result: dict = {}
    rows = (
        InputTag.objects.filter(scheme="gcm", edition_id__in=period.edition_ids)
        .exclude(excluded_q(excluded, "subject__country_id", "edition_id"))
        .order_by("objective__number", "edition__year_start", "subject_id")
        .values_list(
            "objective__number",
            "subject_id",
            "subject__country__name",
            "subject__organisation__name",
            "edition__year_start",
        )
    )
    for number, input_id, country_name, organisation, year in rows:
        _add(
            result,
            number,
            {
                "kind": "input",
                "id": input_id,
                "title": country_name or organisation,
                "year": year,
                "url": f"/api/v1/inputs/{input_id}/",
            },
        )
    return _done(result)


def recommendations(period, excluded) -> dict:
    result: dict = {}
    government = (
        RecommendationTag.objects.filter(scheme="gcm", edition_id__in=period.edition_ids)
        .order_by("objective__number", "edition__year_start", "subject_id")
        .values_list("objective__number", "subject_id", "subject__title", "edition__year_start")
    )
    for number, rec_id, title, year in government:
        _add(
            result,
            number,
            {
                "kind": "recommendation",
                "id": rec_id,
                "title": title,
                "year": year,
                "url": f"/api/v1/outcomes/recommendations/{rec_id}/",
            },
        )
    csd = (
        CSDRecommendationTag.objects.filter(scheme="gcm", edition_id__in=period.edition_ids)
        .order_by("objective__number", "edition__year_start", "subject_id")
        .values_list("objective__number", "subject_id", "subject__title", "edition__year_start")
    )
    for number, rec_id, title, year in csd:
        _add(
            result,
            number,
            {
                "kind": "csd_recommendation",
                "id": rec_id,
                "title": title,
                "year": year,
                "url": f"/api/v1/csd/recommendations/{rec_id}/",
            },
        )
    return _done(result)


def follow_ups(period, excluded) -> dict:
    """Follow-up entries recorded in the period, of recommendations tagged with an
    objective (the recommendation may come from an earlier edition)."""
    result: dict = {}
    by_recommendation: dict = {}
    for subject_id, number in RecommendationTag.objects.filter(scheme="gcm").values_list(
        "subject_id", "objective__number"
    ):
        by_recommendation.setdefault(subject_id, []).append(number)
    rows = (
        FollowUp.objects.filter(
            edition_id__in=period.edition_ids, recommendation_id__in=list(by_recommendation)
        )
        .exclude(excluded_q(excluded, "reporting_country_id", "edition_id"))
        .order_by("edition_ordinal", "id")
        .values_list("id", "recommendation_id", "status", "edition__year_start")
    )
    for followup_id, rec_id, status, year in rows:
        for number in by_recommendation[rec_id]:
            _add(
                result,
                number,
                {
                    "kind": "follow_up",
                    "id": followup_id,
                    "title": status,
                    "status": status,
                    "year": year,
                    "url": f"/api/v1/outcomes/recommendations/{rec_id}/follow-ups/",
                },
            )
    return _done(result)


def register() -> None:
    register_source(ReportSource("findings", _("Findings (final working papers)"), 10, findings))
    register_source(ReportSource("inputs", _("Government and observer inputs"), 20, inputs))
    register_source(ReportSource("recommendations", _("Recommendations"), 30, recommendations))
    register_source(ReportSource("follow_ups", _("Follow-up entries"), 40, follow_ups))
