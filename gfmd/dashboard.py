"""The governance panels of the cycle dashboard (gfmd/platform/dashboard.py): the troika,
the Steering Group's balance on the edition's date and over the last editions, and the
latest activity."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gfmd.models import Edition
from gfmd.platform import charts
from gfmd.platform.dashboard import Figure, Panel, PanelSource, register
from gfmd.platform.models import ActivityLog
from gfmd.platform.plain import action_label
from gfmd.selectors.balance import (
    balance_report,
    developed_developing_on,
    report_date_for_edition,
)
from gfmd.selectors.editions import troika_for_edition

HISTORY = 6  # editions in the balance chart: a fixed number of reports, whatever the volume
RECENT = 8


def _chairs(seat) -> str:
    if seat.chairs:
        return ", ".join(c.name for c in seat.chairs)
    if seat.candidates:  # offered or under consideration: a candidate, not a chair
        return _("Candidate: %(names)s") % {"names": ", ".join(c.name for c in seat.candidates)}
    return "—"


def troika_panel(edition, user) -> Panel:
    seats = troika_for_edition(edition)
    url = reverse("admin:gfmd_edition_changelist")
    names = {"past": _("Previous chair"), "present": _("Chair"), "future": _("Next chair")}
    return Panel(
        key="troika",
        title=_("Troika"),
        figures=[
            Figure(
                names[seat.position],
                _chairs(seat),
                _(
                    "The chairing government(s) of the edition before, of this one and of the "
                    "one after, in the order of editions."
                ),
                reverse("admin:gfmd_edition_change", args=[seat.edition.pk])
                if seat.edition
                else url,
            )
            for seat in seats
        ],
    )


def balance_panel(edition, user) -> Panel:
    report = balance_report(report_date_for_edition(edition))
    url = reverse("admin:gfmd_steeringgroupmembership_changelist")
    recent = list(
        Edition.objects.filter(ordinal__lte=edition.ordinal).order_by("-ordinal")[:HISTORY]
    )
    days = [report_date_for_edition(e) for e in reversed(recent)]
    counts = developed_developing_on(days)  # one query, however many editions
    labels = [str(e.year_start) for e in reversed(recent)]
    developed = [counts[day][0] for day in days]
    developing = [counts[day][1] for day in days]
    panel = Panel(
        key="balance",
        title=_("Steering Group balance"),
        figures=[
            Figure(
                _("Developed"),
                report.developed,
                _(
                    "Steering Group members on the edition's start date whose country is "
                    "developed (the M49 default or the Support Unit's override)."
                ),
                url,
            ),
            Figure(
                _("Developing"),
                report.developing,
                _(
                    "Steering Group members on the edition's start date whose country is "
                    "developing."
                ),
                url,
            ),
            Figure(
                _("Regions represented"),
                len(report.regions_represented),
                _("M49 regions with at least one Steering Group member on that date."),
                url,
            ),
        ],
        # the chart carries its own table of the numbers (charts.data_table)
        chart_svg=charts.stacked_bars(
            _("Steering Group balance over editions"),
            labels,
            [
                charts.Series(_("Developed"), developed),
                charts.Series(_("Developing"), developing),
            ],
            width=420,
        ),
        notes=[str(w) for w in report.warnings],
    )
    if report.policy is not None:
        panel.notes.insert(
            0,
            _("Policy band: developed share %(low)s to %(high)s.")
            % {
                "low": report.policy.target_developed_share - report.policy.tolerance,
                "high": report.policy.target_developed_share + report.policy.tolerance,
            },
        )
    return panel


def activity_panel(edition, user) -> Panel:
    entries = ActivityLog.objects.select_related("content_type").order_by("-id")[:RECENT]
    return Panel(
        key="activity",
        title=_("Recent activity"),
        table_headers=[_("When"), _("Who"), _("What"), _("Record")],
        table_rows=[
            # readable action names, as the activity log shows them (no query per row)
            [
                entry.created_at,
                entry.actor_label,
                action_label(entry.action, entry.content_type.model_class()),
                entry.object_repr,
            ]
            for entry in entries
        ],
        figures=[
            Figure(
                _("Activity log"),
                _("all entries"),
                _("Every change made through the service, newest first."),
                reverse("admin:gfmd_activitylog_changelist"),
            )
        ],
    )


def register_panels() -> None:
    register(PanelSource("troika", 10, troika_panel))
    register(PanelSource("balance", 20, balance_panel))
    register(PanelSource("activity", 90, activity_panel))
