"""The report per chairmanship: budget, pledges, receipts, carry-overs and the donor count,
with amounts PER CURRENCY. It converts only with the chairmanship's rate table
(ExchangeRate) and only when asked (`to=`); a missing rate is an error, never a guess.

Contributors are shown beside the Steering Group members on the report date (the
edition's Forum date, as the balance report): contributing is one of the membership
criteria. A fixed number of queries, whatever the number of rows.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from contributions.enums import ContributionKind
from contributions.models import Budget, BudgetLine, CarryOver, ExchangeRate, Pledge, Receipt
from contributions.models.fields import currency_validator
from gfmd.models import Edition
from gfmd.platform.errors import DomainError
from gfmd.selectors.balance import report_date_for_edition, steering_members_on

CENT = Decimal("0.01")


def _by_currency(rows, field="total") -> dict[str, Decimal]:
    return {row["currency"]: row[field] for row in rows if row[field] is not None}


def _cash(model, edition):
    return _by_currency(
        model.objects.filter(edition=edition, kind=ContributionKind.CASH)
        .values("currency")
        .annotate(total=Sum("amount"))
        .order_by("currency")
    )


def _subtract(left: dict, right: dict) -> dict:
    keys = sorted(set(left) | set(right))
    return {k: left.get(k, Decimal(0)) - right.get(k, Decimal(0)) for k in keys}


def _add(left: dict, right: dict) -> dict:
    keys = sorted(set(left) | set(right))
    return {k: left.get(k, Decimal(0)) + right.get(k, Decimal(0)) for k in keys}


def _contributors(edition) -> dict:
    """(kind, id) -> {name, iso3, pledged{}, received{}, in_kind: n} for every contributor."""
    rows: dict = {}
    for model, key in ((Pledge, "pledged"), (Receipt, "received")):
        grouped = (
            model.objects.filter(edition=edition)
            .values(
                "country_id",
                "country__iso3",
                "country__name",
                "organisation_id",
                "organisation__name",
                "kind",
                "currency",
            )
            .annotate(total=Sum("amount"))
            .order_by()
        )
        for row in grouped:
            body = (
                ("country", row["country_id"])
                if row["country_id"]
                else (
                    "organisation",
                    row["organisation_id"],
                )
            )
            entry = rows.setdefault(
                body,
                {
                    "kind": "government" if body[0] == "country" else "organisation",
                    "iso3": row["country__iso3"] or "",
                    "name": row["country__name"] or row["organisation__name"],
                    "pledged": defaultdict(Decimal),
                    "received": defaultdict(Decimal),
                    "in_kind": 0,
                },
            )
            if row["kind"] == ContributionKind.CASH:
                entry[key][row["currency"]] += row["total"] or Decimal(0)
            else:
                entry["in_kind"] += 1
    return rows


def chairmanship_report(edition: Edition, to: str | None = None) -> dict:
    budget = Budget.objects.filter(edition=edition).first()
    lines = list(BudgetLine.objects.filter(budget=budget).order_by("line", "id")) if budget else []
    pledged, received = _cash(Pledge, edition), _cash(Receipt, edition)
    carried_in = _by_currency(
        CarryOver.objects.filter(to_edition=edition)
        .values("currency")
        .annotate(total=Sum("amount"))
        .order_by("currency")
    )
    carried_out = _by_currency(
        CarryOver.objects.filter(from_edition=edition)
        .values("currency")
        .annotate(total=Sum("amount"))
        .order_by("currency")
    )
    estimates = _by_currency(
        Pledge.objects.filter(edition=edition, kind=ContributionKind.IN_KIND)
        .exclude(value_estimate=None)
        .values("currency")
        .annotate(total=Sum("value_estimate"))
        .order_by("currency")
    )
    contributors = _contributors(edition)
    on = report_date_for_edition(edition)
    members = {m.country_id: m.country for m in steering_members_on(on)}
    side_by_side = [
        {
            **{k: v for k, v in entry.items() if k not in ("pledged", "received")},
            "pledged": dict(entry["pledged"]),
            "received": dict(entry["received"]),
            "steering_group_member": body[0] == "country" and body[1] in members,
        }
        for body, entry in contributors.items()
    ]
    contributing = {body[1] for body in contributors if body[0] == "country"}
    side_by_side += [
        {
            "kind": "government",
            "iso3": country.iso3,
            "name": country.name,
            "pledged": {},
            "received": {},
            "in_kind": 0,
            "steering_group_member": True,
        }
        for country_id, country in members.items()
        if country_id not in contributing
    ]
    side_by_side.sort(key=lambda row: (row["name"] or "").lower())
    report = {
        "edition": edition,
        "report_date": on,
        "budget": _budget_summary(budget, lines),
        "pledged": pledged,
        "received": received,
        "outstanding": _subtract(pledged, received),
        "in_kind": {
            "pledges": Pledge.objects.filter(
                edition=edition, kind=ContributionKind.IN_KIND
            ).count(),
            "receipts": Receipt.objects.filter(
                edition=edition, kind=ContributionKind.IN_KIND
            ).count(),
            "estimates": estimates,
        },
        "carried_in": carried_in,
        "carried_out": carried_out,
        "available": _subtract(_add(received, carried_in), carried_out),
        "donor_count": len(contributors),
        "contributors": side_by_side,
        "converted": None,
    }
    if to:
        report["converted"] = _converted(edition, to, report)
    return report


def _budget_summary(budget, lines) -> dict | None:
    if budget is None:
        return None
    total = sum((line.amount for line in lines), Decimal(0))
    own = sum((line.chair_covers for line in lines), Decimal(0))
    return {
        "currency": budget.currency,
        "lines": [
            {
                "line": line.line,
                "label": line.label or line.get_line_display(),
                "amount": line.amount,
                "chair_covers": line.chair_covers,
                "external_funding": line.external_funding,
            }
            for line in lines
        ],
        "total": total,
        "chair_covers": own,
        "external_funding": total - own,
    }


def _converted(edition, to: str, report: dict) -> dict:
    """The report's per-currency totals in `to`, with the chairmanship's rates only."""
    try:
        currency_validator(to)
    except Exception as exc:
        raise DomainError(str(currency_validator.message), field="to") from exc
    rates = {
        r.currency: r.rate for r in ExchangeRate.objects.filter(edition=edition, target_currency=to)
    }
    rates[to] = Decimal(1)
    keys = ("pledged", "received", "outstanding", "carried_in", "carried_out", "available")
    needed = sorted({c for key in keys for c in report[key]} - set(rates))
    if report["budget"] and report["budget"]["currency"] not in rates:
        needed = sorted({*needed, report["budget"]["currency"]})
    if needed:
        raise DomainError(
            _(
                "No exchange rate to %(to)s for %(currencies)s in this chairmanship's rate "
                "table: the report shows totals per currency only."
            )
            % {"to": to, "currencies": ", ".join(needed)},
            field="to",
            code="missing_exchange_rate",
        )
    converted = {
        key: sum((amount * rates[c] for c, amount in report[key].items()), Decimal(0)).quantize(
            CENT
        )
        for key in keys
    }
    if report["budget"]:
        rate = rates[report["budget"]["currency"]]
        converted["budget_external_funding"] = (
            report["budget"]["external_funding"] * rate
        ).quantize(CENT)
    return {"currency": to, **converted}
