"""Read queries for working papers, versions and inputs, scoped by role and stage."""

import difflib

from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from gfmd.enums import DevelopmentStatus
from gfmd.platform.conditions import pruned
from gfmd.platform.errors import DomainError
from gfmd.platform.roles import is_support_staff
from gfmd.rules import focal_point_bodies, mechanism_bodies
from roundtables.enums import FINAL_STATES, FRIENDS_CONSULTED_KINDS, PaperState
from roundtables.models import Input, PaperVersion, WorkingPaper
from roundtables.rules import reach

EDITION = "edition_id"


def _paper_grants_q(user, prefix: str = "") -> tuple[Q, Q, Q]:
    """`rules.paper_access` as filters, by where access starts: (drafting: the paper in any
    state; consultation: Friends and observers; final: participants). Not for staff."""

    def q(**kwargs):
        return Q(**{f"{prefix}{k}": v for k, v in kwargs.items()})

    r = reach(user)
    drafting = (
        q(**{f"{EDITION}__in": r.preparing_editions})
        | q(session_id__in=r.cochair_sessions | r.team_sessions)
        | q(working_group_id__in=r.working_groups)
    )
    consulting = (
        frozenset(r.friend_editions)
        | frozenset(r.observer_editions)
        | frozenset(r.mechanism_editions)
    )
    consultation = q(
        state__in=[PaperState.CONSULTATION, *FINAL_STATES],
        kind__in=FRIENDS_CONSULTED_KINDS,
        **{f"{EDITION}__in": consulting},
    )
    final = q(state__in=FINAL_STATES, **{f"{EDITION}__in": r.participant_editions})
    return drafting, consultation, final


def visible_papers_q(user, prefix: str = "", include_public: bool = True) -> Q:
    """The condition `rules.paper_access` grants, as a filter (prefix: path to the paper)."""
    if is_support_staff(user):
        return Q()
    drafting, consultation, final = _paper_grants_q(user, prefix)
    condition = drafting | consultation | final
    if include_public:
        condition |= Q(**{f"{prefix}state__in": FINAL_STATES, f"{prefix}is_public": True})
    return pruned(condition)


def visible_versions_q(user) -> Q:
    """`rules.version_access` as a filter: drafters see every version; Friends and
    observers the released ones and the final one; participants and the public the final."""
    if is_support_staff(user):
        return Q()
    drafting, consultation, final = _paper_grants_q(user, prefix="paper__")
    is_final = Q(paper__state__in=FINAL_STATES, paper__final_version=F("id"))
    public = Q(paper__state__in=FINAL_STATES, paper__is_public=True)
    return pruned(
        drafting | (consultation & (Q(released=True) | is_final)) | ((final | public) & is_final)
    )


def papers_for_user(user):
    return (
        WorkingPaper.objects.filter(visible_papers_q(user))
        .select_related(
            "edition", "session__roundtable__edition", "session__theme", "final_version"
        )
        .order_by(
            "edition__ordinal",
            "session__roundtable__number",
            "session__number",
            "kind",
            "id",
        )
    )


def papers_to_check(user):
    """The papers `user` may see, with only what the object rules read (the session): for
    a write whose service reads its own copy, so its check needs no other join."""
    return WorkingPaper.objects.filter(visible_papers_q(user)).select_related("session")


def versions_for_user(user):
    """The versions `user` may see (list, detail, download, diff, admin): one rule."""
    return (
        PaperVersion.objects.filter(visible_versions_q(user))
        .select_related("paper__session__roundtable__edition", "author")
        .prefetch_related(Prefetch("included_inputs", queryset=Input.objects.order_by("id")))
        .order_by("paper_id", "number", "id")
    )


def visible_inputs_q(user) -> Q:
    if is_support_staff(user):
        return Q()
    r = reach(user)
    countries, organisations = focal_point_bodies(user)
    managed = (
        Q(**{f"paper__{EDITION}__in": r.chair_editions})
        | Q(paper__session_id__in=r.cochair_sessions)
        | Q(paper__working_group_id__in=r.chaired_groups)
    )
    own = (
        Q(country_id__in=countries)
        | Q(organisation_id__in=organisations)
        | Q(mechanism_id__in=mechanism_bodies(user))
    )
    traced = Q(paper__state__in=FINAL_STATES) & visible_papers_q(user, prefix="paper__")
    return pruned(managed | own | traced)


def inputs_for_user(user, *, keys_only=False):
    """The inputs `user` may read, in order; `keys_only=True`: without the joins their
    records need, for callers that read only their keys (an output spec's list)."""
    inputs = Input.objects.filter(visible_inputs_q(user)).order_by("paper_id", "id")
    if keys_only:
        return inputs
    return inputs.select_related(
        "paper__session__roundtable__edition",
        "country",
        "organisation",
        "mechanism",
        "submitted_by",
    )


def inputs_to_check(user):
    """The inputs `user` may read, with only what the object rules read (the paper): for a
    write whose service reads its own copy (`input_decide` locks and joins it)."""
    return Input.objects.filter(visible_inputs_q(user)).select_related("paper")


def input_summary(paper, consultation_round: int | None = None) -> dict:
    """Who commented on `paper` (one round, or every round): governments grouped by M49
    region and development status (the override where a country has one), the
    organisations, and the stakeholder mechanisms apart (they are neither governments nor
    observers). Two queries whatever the number of inputs."""
    inputs = Input.objects.filter(paper=paper)
    if consultation_round is not None:
        inputs = inputs.filter(consultation_round=consultation_round)
    status = Coalesce(
        NullIf("country__development_override", Value("")), "country__development_default"
    )
    per_country = (
        inputs.filter(country__isnull=False)
        .values("country_id", "country__name", "country__region")
        .annotate(status=status, total=Count("id"))
        .order_by("country__region", "status", "country__name")
    )
    groups: dict[tuple[str, str], dict] = {}
    for row in per_country:
        key = (row["country__region"], row["status"])
        group = groups.setdefault(
            key,
            {
                "region": key[0],
                "development_status": key[1],
                "development_status_label": str(DevelopmentStatus(key[1]).label),
                "countries": 0,
                "inputs": 0,
                "names": [],
            },
        )
        group["countries"] += 1
        group["inputs"] += row["total"]
        group["names"].append(row["country__name"])
    # organisations and mechanisms in one query, then apart (a mechanism is neither)
    others = list(
        inputs.filter(country__isnull=True)
        .values("organisation_id", "organisation__name", "mechanism_id", "mechanism__name")
        .annotate(total=Count("id"))
        .order_by("organisation__name", "mechanism__name")
    )
    organisations = [o for o in others if o["organisation_id"] is not None]
    mechanisms = [m for m in others if m["mechanism_id"] is not None]
    by_region = list(groups.values())
    return {
        "paper": paper.pk,
        "consultation_round": consultation_round,
        "inputs": sum(g["inputs"] for g in by_region)
        + sum(o["total"] for o in organisations)
        + sum(m["total"] for m in mechanisms),
        "countries": sum(g["countries"] for g in by_region),
        "organisations": len(organisations),
        "by_region": by_region,
        "organisation_names": [o["organisation__name"] for o in organisations],
        "mechanisms": len(mechanisms),
        "mechanism_names": [m["mechanism__name"] for m in mechanisms],
    }


def undecided_inputs(paper):
    return paper.inputs.filter(decision="").order_by("id")


# difflib's matcher is quadratic on texts with many repeated lines: ~0.5 s of CPU at this
# size in the worst case (a 100-page paper has a few thousand paragraphs).
MAX_DIFF_LINES = 10_000


def version_diff(older: PaperVersion, newer: PaperVersion, context: int = 3) -> str:
    """Unified diff between the texts of two versions of the same paper."""
    for version in (older, newer):
        if version.text.count("\n") >= MAX_DIFF_LINES:
            raise DomainError(
                _(
                    "Version %(number)d has more than %(limit)d lines, too many to compare "
                    "here; download both versions to compare them."
                )
                % {"number": version.number, "limit": MAX_DIFF_LINES},
                field="from" if version is older else "to",
            )
    return "".join(
        difflib.unified_diff(
            older.text.splitlines(keepends=True),
            newer.text.splitlines(keepends=True),
            fromfile=f"version {older.number}",
            tofile=f"version {newer.number}",
            n=context,
        )
    )
