"""Read queries of recommendations and follow-up: what became of each since a year."""

from django.db.models import Exists, OuterRef, Prefetch, Subquery

from outcomes.models import FollowUp, Recommendation, RecommendationTag


def latest_status():
    """The status of a recommendation's latest follow-up entry (latest edition, then id)."""
    return Subquery(
        FollowUp.objects.filter(recommendation=OuterRef("pk"))
        .order_by("-edition_ordinal", "-id")
        .values("status")[:1]
    )


def recommendations_for_user(
    user,
    *,
    since: int | None = None,
    edition_id: int | None = None,
    addressed_to: str | None = None,
    status: str | None = None,
    objective: int | None = None,
):
    """Recommendations with their follow-up entries and tags, in fixed queries (the
    permission to list them is checked by the caller's rules).

    `since`: recommendations of the editions that began in that year or later.
    `status`: the status of the latest follow-up ("none": no follow-up yet).
    """
    queryset = (
        Recommendation.objects.select_related("edition", "session__roundtable", "outcome_document")
        .annotate(latest_status=latest_status())
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related(
                    "edition", "reporting_country", "reporting_organisation"
                ).order_by("edition_ordinal", "id"),
            ),
            Prefetch(
                "tags",
                queryset=RecommendationTag.objects.select_related("objective", "sdg_target"),
            ),
        )
        .order_by("-edition_ordinal", "id")
    )
    if since is not None:
        queryset = queryset.filter(edition__year_start__gte=since)
    if edition_id is not None:
        queryset = queryset.filter(edition_id=edition_id)
    if addressed_to:
        queryset = queryset.filter(addressed_to=addressed_to)
    if status == "none":
        queryset = queryset.filter(latest_status__isnull=True)
    elif status:
        queryset = queryset.filter(latest_status=status)
    if objective is not None:
        queryset = queryset.filter(
            Exists(
                RecommendationTag.objects.filter(
                    subject=OuterRef("pk"), objective__number=objective
                )
            )
        )
    return queryset


def followups_for_user(user, *, recommendation_id: int | None = None, since: int | None = None):
    queryset = FollowUp.objects.select_related(
        "edition", "reporting_country", "reporting_organisation"
    ).order_by("recommendation_id", "edition_ordinal", "id")
    if recommendation_id is not None:
        queryset = queryset.filter(recommendation_id=recommendation_id)
    if since is not None:
        queryset = queryset.filter(edition__year_start__gte=since)
    return queryset
