"""Read queries for working papers, versions and inputs, scoped by role and stage."""

import difflib

from django.db.models import F, Prefetch, Q

from gfmd.rules import focal_point_bodies, is_support_staff
from roundtables.enums import FINAL_STATES, PaperState
from roundtables.models import Input, PaperVersion, WorkingPaper
from roundtables.rules import reach

EDITION = "session__roundtable__edition_id"


def visible_papers_q(user, prefix: str = "", include_public: bool = True) -> Q:
    """The condition `rules.paper_access` grants, as a filter (prefix: path to the paper)."""
    if is_support_staff(user):
        return Q()

    def q(**kwargs):
        return Q(**{f"{prefix}{k}": v for k, v in kwargs.items()})

    r = reach(user)
    condition = q(**{f"{EDITION}__in": r.preparing_editions}) | q(
        session_id__in=r.cochair_sessions | r.team_sessions
    )
    consulting = frozenset(r.friend_editions) | frozenset(r.observer_editions)
    condition |= q(
        state__in=[PaperState.CONSULTATION, *FINAL_STATES], **{f"{EDITION}__in": consulting}
    )
    condition |= q(state__in=FINAL_STATES, **{f"{EDITION}__in": r.participant_editions})
    if include_public:
        condition |= q(state__in=FINAL_STATES, is_public=True)
    return condition


def papers_for_user(user):
    return (
        WorkingPaper.objects.filter(visible_papers_q(user))
        .select_related("session__roundtable__edition", "session__theme", "final_version")
        .order_by(
            "session__roundtable__edition__ordinal",
            "session__roundtable__number",
            "session__number",
            "id",
        )
    )


def versions_for_user(user):
    versions = PaperVersion.objects.all()
    if not is_support_staff(user):
        versions = versions.filter(
            visible_papers_q(user, prefix="paper__", include_public=False)
            # The public sees only the final version of a published paper.
            | Q(paper__is_public=True, paper__state__in=FINAL_STATES, paper__final_version=F("id"))
        )
    return (
        versions.select_related("paper__session__roundtable", "author")
        .prefetch_related(Prefetch("included_inputs", queryset=Input.objects.order_by("id")))
        .order_by("paper_id", "number", "id")
    )


def visible_inputs_q(user) -> Q:
    if is_support_staff(user):
        return Q()
    r = reach(user)
    countries, organisations = focal_point_bodies(user)
    managed = Q(**{f"paper__{EDITION}__in": r.chair_editions}) | Q(
        paper__session_id__in=r.cochair_sessions
    )
    own = Q(country_id__in=countries) | Q(organisation_id__in=organisations)
    traced = Q(paper__state__in=FINAL_STATES) & visible_papers_q(user, prefix="paper__")
    return managed | own | traced


def inputs_for_user(user):
    return (
        Input.objects.filter(visible_inputs_q(user))
        .select_related("paper__session__roundtable", "country", "organisation", "submitted_by")
        .order_by("paper_id", "id")
    )


def undecided_inputs(paper):
    return paper.inputs.filter(decision="").order_by("id")


def version_diff(older: PaperVersion, newer: PaperVersion, context: int = 3) -> str:
    """Unified diff between the texts of two versions of the same paper."""
    return "".join(
        difflib.unified_diff(
            older.text.splitlines(keepends=True),
            newer.text.splitlines(keepends=True),
            fromfile=f"version {older.number}",
            tofile=f"version {newer.number}",
            n=context,
        )
    )
