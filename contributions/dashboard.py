"""The contributions panel of the cycle dashboard: pledged vs received per currency (never
converted), the donor count, and contributors beside the Steering Group's members."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from contributions.selectors.report import chairmanship_report
from gfmd.platform import charts
from gfmd.platform.dashboard import Figure, Panel, PanelSource, register


def contributions_panel(edition, user) -> Panel | None:
    report = chairmanship_report(edition)
    if not report["donor_count"] and not report["budget"]:
        return None
    pledges = reverse("admin:contributions_pledge_changelist")
    pledges += "?" + urlencode({"edition__id__exact": edition.pk})
    receipts = reverse("admin:contributions_receipt_changelist")
    receipts += "?" + urlencode({"edition__id__exact": edition.pk})
    currencies = sorted(set(report["pledged"]) | set(report["received"]))
    rows = [
        (c, int(report["received"].get(c, 0)), int(report["pledged"].get(c, 0))) for c in currencies
    ]
    members = [r for r in report["contributors"] if r["steering_group_member"]]
    contributing = [r for r in members if r["pledged"] or r["received"] or r["in_kind"]]
    return Panel(
        key="contributions",
        title=_("Contributions"),
        figures=[
            Figure(
                _("Donors"),
                report["donor_count"],
                _(
                    "Governments and organisations with at least one pledge or receipt for "
                    "this chairmanship, in cash or in kind."
                ),
                pledges,
            ),
            Figure(
                _("In-kind pledges"),
                report["in_kind"]["pledges"],
                _("Pledges of secondments, background papers, logistics and other help in kind."),
                pledges,
            ),
            Figure(
                _("Steering Group members contributing"),
                f"{len(contributing)} / {len(members)}",
                _(
                    "Steering Group members on the edition's date with a pledge or receipt "
                    "for this chairmanship (a membership criterion)."
                ),
                receipts,
            ),
        ],
        chart_svg=charts.progress_bars(_("Cash received against pledged, per currency"), rows)
        if rows
        else "",
        table_headers=[_("Currency"), _("Received"), _("Pledged")],
        table_rows=[
            [c, report["received"].get(c, 0), report["pledged"].get(c, 0)] for c in currencies
        ],
        notes=[_("Totals are per currency: nothing is converted on the dashboard.")],
    )


def register_panels() -> None:
    register(PanelSource("contributions", 80, contributions_panel))
