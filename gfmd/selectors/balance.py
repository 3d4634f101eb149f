"""The Steering Group balance report: developed/developing and regions, against the policy."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gfmd.enums import M49_REGIONS, DevelopmentStatus
from gfmd.models import BalancePolicy, Edition, SteeringGroupMembership


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


def balance_report(on: date) -> BalanceReport:
    members = list(steering_members_on(on))
    policy = policy_on(on)
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
    return BalanceReport(
        on=on,
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
