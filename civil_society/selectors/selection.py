"""Read side of the selection: candidates for the algorithm, the review screen, the report."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, F, Prefetch, Q
from django.utils.translation import gettext

from civil_society.enums import (
    ApplicationStatus,
    DelegateStatus,
    Gender,
    Outcome,
    Sector,
)
from civil_society.models import (
    AdvisoryCommitteeMember,
    Application,
    CSDEdition,
    Delegate,
    ProposalEntry,
    Review,
    SelectionPolicy,
    SelectionProposal,
)
from civil_society.selection_policy import REGION_ORDER, Candidate
from gfmd.models import FocalPoint

TWO_PLACES = Decimal("0.01")


def _average(value) -> Decimal | None:
    return Decimal(value).quantize(TWO_PLACES) if value is not None else None


def candidates_for_edition(csd_edition: CSDEdition) -> list[Candidate]:
    """Every nominated delegate of a submitted application, with its application's scores."""
    delegates = (
        Delegate.objects.filter(
            csd_edition=csd_edition,
            application__status=ApplicationStatus.SUBMITTED,
            status__in=[DelegateStatus.NOMINATED, DelegateStatus.WAITLISTED],
        )
        .select_related("country", "application__organisation__organisation")
        .annotate(
            average=Avg("application__reviews__score"),
            reviews=Count("application__reviews", distinct=True),
        )
        .order_by("id")
    )
    result = []
    for d in delegates:
        cso = d.application.organisation
        result.append(
            Candidate(
                delegate_id=d.pk,
                organisation_id=cso.pk,
                organisation_name=cso.organisation.name,
                sector=cso.sector,
                region=d.country.region,
                has_priority=cso.has_priority,
                led_label=cso.led_label,
                average_score=_average(d.average),
                review_count=d.reviews,
                position=d.position,
                submitted_at=d.application.submitted_at,
            )
        )
    return result


def current_proposal(csd_edition: CSDEdition) -> SelectionProposal | None:
    return (
        SelectionProposal.objects.filter(csd_edition=csd_edition)
        .exclude(status="superseded")
        .order_by("-id")
        .first()
    )


def proposal_entries(proposal: SelectionProposal):
    return (
        ProposalEntry.objects.filter(proposal=proposal)
        .select_related("delegate__country", "delegate__application__organisation__organisation")
        .order_by("rank", "id")
    )


@dataclass
class ReviewRow:
    application: Application
    average: Decimal | None
    review_count: int
    conflicted_reviewers: list[str]
    pending_reviewers: list[str]


# Score bands of the review screen's filter: key -> (lowest average, below this average)
SCORE_BANDS = {"0-4": (0, 4), "4-6": (4, 6), "6-8": (6, 8), "8-10": (8, 11)}


@dataclass(frozen=True)
class ReviewFilters:
    """What the review screen is narrowed to (each empty = no filter)."""

    sector: str = ""
    region: str = ""
    band: str = ""  # a SCORE_BANDS key, or "none" (not reviewed yet)
    reviewer: int | None = None  # an advisory committee member who reviewed
    status: str = ""
    q: str = ""  # in the organisation's name or acronym


def review_applications(csd_edition: CSDEdition, filters: ReviewFilters | None = None):
    """The applications of the review screen, filtered, best average first (to page)."""
    f = filters or ReviewFilters()
    applications = Application.objects.filter(csd_edition=csd_edition)
    if f.sector:
        applications = applications.filter(organisation__sector=f.sector)
    if f.region:
        # the delegates' region, as the selection's regional spread counts it (a subquery:
        # joining delegates here would repeat rows under the averages)
        by_region = Delegate.objects.filter(country__region=f.region).values("application_id")
        applications = applications.filter(pk__in=by_region)
    if f.status:
        applications = applications.filter(status=f.status)
    if f.reviewer:
        reviewed = Review.objects.filter(reviewer_id=f.reviewer).values("application_id")
        applications = applications.filter(pk__in=reviewed)
    if f.q:
        applications = applications.filter(
            Q(organisation__organisation__name__icontains=f.q)
            | Q(organisation__organisation__acronym__icontains=f.q)
        )
    applications = applications.annotate(
        average=Avg("reviews__score"), review_total=Count("reviews", distinct=True)
    )
    if f.band == "none":
        applications = applications.filter(review_total=0)
    elif f.band in SCORE_BANDS:
        low, high = SCORE_BANDS[f.band]
        applications = applications.filter(average__gte=low, average__lt=high)
    return (
        applications.select_related(
            "organisation__organisation", "organisation__organisation__headquarters"
        )
        .prefetch_related(
            Prefetch("delegates", queryset=Delegate.objects.only("application_id", "full_name"))
        )
        .order_by(F("average").desc(nulls_last=True), "submitted_at", "id")
    )


def review_screen(csd_edition: CSDEdition, applications=None) -> list[ReviewRow]:
    """Applications (all, or the given page of `review_applications`) with their scores and
    who is excluded by a conflict of interest; a fixed number of queries per page."""
    committee = list(
        AdvisoryCommitteeMember.objects.filter(csd_edition=csd_edition, is_reviewer=True)
        .select_related("user")
        .order_by("user__last_name", "id")
    )
    if applications is None:
        applications = review_applications(csd_edition)
    applications = list(applications)
    # Who reviewed what, as pairs: the screen needs no review objects (1,500 at 500
    # applications).
    reviewed_by: dict[int, set[int]] = {}
    for application_id, reviewer_id in Review.objects.filter(
        application__in=[a.pk for a in applications]
    ).values_list("application_id", "reviewer_id"):
        reviewed_by.setdefault(application_id, set()).add(reviewer_id)
    member_users = {m.user_id for m in committee}
    represented: dict[int, set[int]] = {}
    for user_id, org_id in FocalPoint.objects.filter(
        user_id__in=member_users, organisation__isnull=False
    ).values_list("user_id", "organisation_id"):
        represented.setdefault(user_id, set()).add(org_id)
    rows = []
    for app in applications:
        org_id = app.organisation.organisation_id
        reviewed = reviewed_by.get(app.pk, set())
        conflicted, pending = [], []
        for m in committee:
            name = m.user.get_full_name() or m.user.get_username()
            if m.organisation_id == org_id or org_id in represented.get(m.user_id, ()):
                conflicted.append(name)
            elif m.pk not in reviewed:
                pending.append(name)
        rows.append(ReviewRow(app, _average(app.average), app.review_total, conflicted, pending))
    return rows


@dataclass
class BalanceLine:
    label: str
    count: int
    target: int | None = None

    @property
    def short(self) -> bool:
        return self.target is not None and self.count < self.target


@dataclass
class SelectionReport:
    source: str
    total: int
    places: int | None
    by_sector: list[BalanceLine] = field(default_factory=list)
    by_region: list[BalanceLine] = field(default_factory=list)
    by_led: list[BalanceLine] = field(default_factory=list)
    by_gender: list[BalanceLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _delegates_for_report(csd_edition: CSDEdition, proposal: SelectionProposal | None):
    related = ("country", "application__organisation")
    if proposal is not None:
        ids = proposal.entries.filter(outcome=Outcome.SELECTED).values("delegate_id")
        return Delegate.objects.filter(pk__in=ids).select_related(*related)
    return Delegate.objects.filter(
        csd_edition=csd_edition, status=DelegateStatus.SELECTED
    ).select_related(*related)


def selection_report(
    csd_edition: CSDEdition, proposal: SelectionProposal | None = None
) -> SelectionReport:
    """Balance of a proposal's selection, or of the confirmed delegation when none is given."""
    delegates = list(_delegates_for_report(csd_edition, proposal))
    policy = SelectionPolicy.objects.filter(csd_edition=csd_edition).first()
    sectors = Counter(d.application.organisation.sector for d in delegates)
    regions = Counter(d.country.region for d in delegates)
    genders = Counter(d.gender for d in delegates)
    orgs = [d.application.organisation for d in delegates]
    report = SelectionReport(
        source=gettext("proposal #%(id)s (%(status)s)")
        % {"id": proposal.pk, "status": proposal.get_status_display()}
        if proposal
        else gettext("confirmed delegation"),
        total=len(delegates),
        places=policy.places if policy else None,
    )
    for sector in Sector:
        target = policy.sector_minimum(sector.value) if policy else None
        line = BalanceLine(str(sector.label), sectors[sector.value], target or None)
        report.by_sector.append(line)
        if line.short:
            report.warnings.append(
                gettext("%(sector)s: %(count)d of %(target)d reserved.")
                % {"sector": sector.label, "count": line.count, "target": line.target}
            )
    region_target = policy.min_per_region if policy and policy.min_per_region else None
    for region in REGION_ORDER:
        line = BalanceLine(region, regions[region], region_target)
        report.by_region.append(line)
        if line.short:
            report.warnings.append(
                gettext("%(region)s: %(count)d of %(target)d for regional spread.")
                % {"region": region, "count": line.count, "target": line.target}
            )
    report.by_led = [
        BalanceLine(gettext("Migrant-led"), sum(1 for o in orgs if o.migrant_led)),
        BalanceLine(gettext("Diaspora-led"), sum(1 for o in orgs if o.diaspora_led)),
        BalanceLine(gettext("Migrant- or diaspora-led"), sum(1 for o in orgs if o.declares_led)),
        BalanceLine(
            gettext("Of which checked by staff"),
            sum(1 for o in orgs if o.led_check == "confirmed"),
        ),
        BalanceLine(gettext("Neither"), sum(1 for o in orgs if not o.declares_led)),
    ]
    report.by_gender = [BalanceLine(str(g.label), genders[g.value]) for g in Gender]
    report.by_gender.append(BalanceLine(gettext("Not given"), genders[""]))
    return report


def delegation(csd_edition: CSDEdition):
    """The CSD delegation: the selected delegates."""
    return (
        Delegate.objects.filter(csd_edition=csd_edition, status=DelegateStatus.SELECTED)
        .select_related("country", "application__organisation__organisation")
        .order_by("full_name", "id")
    )


def waitlist(csd_edition: CSDEdition):
    return (
        Delegate.objects.filter(csd_edition=csd_edition, status=DelegateStatus.WAITLISTED)
        .select_related("application__organisation")
        .order_by("waitlist_position", "id")
    )


def selected_in_sector(csd_edition: CSDEdition, sector: str) -> int:
    return Delegate.objects.filter(
        Q(csd_edition=csd_edition, status=DelegateStatus.SELECTED)
        & Q(application__organisation__sector=sector)
    ).count()
