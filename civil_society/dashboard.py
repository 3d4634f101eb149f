"""The Civil Society Days panel of the cycle dashboard: review progress, and the selection
(the current proposal's, else the confirmed delegation's) against the sector minimums."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from civil_society.enums import ApplicationStatus
from civil_society.models import Application, CSDEdition
from civil_society.selectors.selection import current_proposal, selection_report
from gfmd.platform import charts
from gfmd.platform.dashboard import Figure, Panel, PanelSource, register


def csd_panel(edition, user) -> Panel | None:
    csd = CSDEdition.objects.filter(edition=edition).first()
    if csd is None:
        return None
    counts = Application.objects.filter(
        csd_edition=csd, status=ApplicationStatus.SUBMITTED
    ).aggregate(
        submitted=Count("id", distinct=True),
        reviewed=Count("id", filter=Q(reviews__isnull=False), distinct=True),
    )
    proposal = current_proposal(csd)
    report = selection_report(csd, proposal)
    rows = [(line.label, line.count, line.target) for line in report.by_sector]
    applications = reverse("admin:civil_society_application_changelist")
    applications += "?" + urlencode({"csd_edition__id__exact": csd.pk})
    panel = Panel(
        key="csd",
        title=_("Civil Society Days"),
        figures=[
            Figure(
                _("Applications reviewed"),
                f"{counts['reviewed']} / {counts['submitted']}",
                _(
                    "Submitted applications with at least one review, over all submitted "
                    "applications."
                ),
                applications,
                target=counts["submitted"],
            ),
            Figure(
                _("Selected"),
                report.total,
                _(
                    "Delegates selected by the current selection proposal, or in the confirmed "
                    "delegation when there is no proposal."
                ),
                applications,
            ),
        ],
        chart_svg=charts.bars_with_targets(_("Selection against sector minimums"), rows),
        table_headers=[_("Sector"), _("Selected"), _("Minimum")],
        table_rows=[
            [label, count, target if target is not None else "—"] for label, count, target in rows
        ],
        notes=[str(w) for w in report.warnings] if report.total else [],
    )
    if not report.total:
        panel.empty_hint = _(
            "No selection yet: run a selection proposal from the CSD edition's page once the "
            "reviews are in."
        )
    return panel


def register_panels() -> None:
    register(PanelSource("csd", 70, csd_panel))
