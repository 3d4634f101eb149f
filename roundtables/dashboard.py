"""The roundtables panels of the cycle dashboard: co-chair seats per roundtable, papers by
state with the next consultation deadlines, inputs waiting for a decision, translations
due. Each is one or two aggregate queries, whatever the number of sessions."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gfmd.platform import charts
from gfmd.platform.dashboard import Figure, Panel, PanelSource, register
from gfmd.platform.models import DocumentTranslation
from gfmd.platform.translations import TranslationState
from roundtables.enums import CoChairState, PaperState
from roundtables.models import Input, PaperVersion, Roundtable, WorkingPaper

DUE_WITHIN_DAYS = 7
SEATS_PER_SESSION = 2  # one developed and one developing co-chair


def _list(name: str, **params) -> str:
    url = reverse(f"admin:roundtables_{name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def seats_panel(edition, user) -> Panel | None:
    roundtables = list(
        Roundtable.objects.filter(edition=edition)
        .annotate(
            sessions_count=Count("sessions", distinct=True),
            filled=Count(
                "sessions__cochairs",
                filter=Q(sessions__cochairs__state=CoChairState.CONFIRMED),
                distinct=True,
            ),
        )
        .order_by("number")
    )
    if not roundtables:
        return None
    rows = [
        (f"RT {rt.number}", rt.filled, rt.sessions_count * SEATS_PER_SESSION) for rt in roundtables
    ]
    filled, total = sum(r[1] for r in rows), sum(r[2] for r in rows)
    return Panel(
        key="seats",
        title=_("Co-chair seats"),
        figures=[
            Figure(
                _("Seats filled"),
                f"{filled} / {total}",
                _(
                    "Confirmed co-chairs over two seats (one developed, one developing) per "
                    "session of the edition."
                ),
                _list(
                    "cochair",
                    state=CoChairState.CONFIRMED,
                    **{"session__roundtable__edition__id__exact": edition.pk},
                ),
                target=total,
            )
        ],
        chart_svg=charts.progress_bars(_("Co-chair seats filled per roundtable"), rows),
        table_headers=[_("Roundtable"), _("Filled"), _("Seats")],
        table_rows=[list(r) for r in rows],
    )


def papers_panel(edition, user) -> Panel | None:
    papers = WorkingPaper.objects.filter(edition=edition)  # every kind: papers, Chair's documents
    by_state = dict(papers.values_list("state").annotate(n=Count("id")).order_by())
    if not by_state:
        return None
    edition_filter = {"edition__id__exact": edition.pk}
    deadlines = list(
        papers.filter(state=PaperState.CONSULTATION)
        .select_related("session__roundtable", "edition")
        .order_by("consultation_deadline", "id")[:5]
    )
    total = sum(by_state.values())
    done = by_state.get(PaperState.FINAL, 0) + by_state.get(PaperState.DISTRIBUTED, 0)
    figures = [
        Figure(
            label,
            by_state.get(state, 0),
            _(
                "Documents of the edition (session papers and the Chair's documents) "
                "in this state now."
            ),
            _list("workingpaper", state__exact=state, **edition_filter),
        )
        for state, label in PaperState.choices
        if by_state.get(state)
    ]
    return Panel(
        key="papers",
        title=_("Working papers"),
        figures=figures,
        chart_svg=charts.progress_bars(
            _("Working papers final or distributed"), [(_("Final"), done, total)]
        ),
        table_headers=[_("Paper"), _("Consultation deadline")],
        table_rows=[[str(p), p.consultation_deadline] for p in deadlines],
        notes=[_("Next consultation deadlines are listed below the chart.")] if deadlines else [],
    )


def inputs_panel(edition, user) -> Panel:
    waiting = Input.objects.filter(paper__edition=edition, decision="").count()
    return Panel(
        key="inputs",
        title=_("Inputs waiting for a decision"),
        figures=[
            Figure(
                _("Waiting"),
                waiting,
                _("Inputs to this edition's papers that have no decision yet."),
                _list(
                    "input",
                    decision__exact="",
                    paper__edition__id__exact=edition.pk,
                ),
            )
        ],
    )


def translations_panel(edition, user) -> Panel:
    versions = PaperVersion.objects.filter(paper__edition=edition)
    soon = timezone.localdate() + timedelta(days=DUE_WITHIN_DAYS)
    due = DocumentTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(PaperVersion),
        object_id__in=versions.values("id"),
        state__in=[
            TranslationState.REQUESTED,
            TranslationState.IN_TRANSLATION,
            TranslationState.IN_REVIEW,
        ],
    ).aggregate(
        open=Count("id"),
        due=Count("id", filter=Q(due_date__lte=soon)),
    )
    url = reverse("admin:gfmd_documenttranslation_changelist")
    return Panel(
        key="translations",
        title=_("Translations"),
        figures=[
            Figure(
                _("Open"),
                due["open"],
                _(
                    "Translations of this edition's paper versions requested, in translation or "
                    "in review."
                ),
                url,
            ),
            Figure(
                _("Due within a week"),
                due["due"],
                _("Open translations whose due date is within seven days or past."),
                url,
            ),
        ],
    )


def register_panels() -> None:
    register(PanelSource("seats", 30, seats_panel))
    register(PanelSource("papers", 40, papers_panel))
    register(PanelSource("inputs", 50, inputs_panel))
    register(PanelSource("translations", 60, translations_panel))
