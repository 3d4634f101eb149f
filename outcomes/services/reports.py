"""The GFMD contribution to the IMRF: create, generate (Celery), edit sections, move states.

Generation gathers every registered report source (outcomes.registry) for the period,
honouring the governments' opt-outs, and writes one section per GCM objective plus an
introduction, in English, French and Spanish. It writes only the `generated_*` columns:
a section staff edited keeps its `edited_*` text and its "edited" origin.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gfmd.models import Edition
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.queue import enqueue_on_commit
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.records import record_save
from gfmd.platform.services.transitions import transition_run
from outcomes.enums import REPORT_TRANSITIONS, GenerationState, ReportState, SectionOrigin
from outcomes.models import IMRFReport, Objective, ReportingOptOut, ReportSection
from outcomes.registry import sources

LANGUAGES = {"": "en", "_fr": "fr", "_es": "es"}  # column suffix -> language


@dataclass(frozen=True)
class Period:
    year_from: int
    year_to: int
    edition_ids: tuple[int, ...]


def period_of(report: IMRFReport) -> Period:
    ids = Edition.objects.filter(
        year_start__gte=report.year_from, year_start__lte=report.year_to
    ).values_list("id", flat=True)
    return Period(report.year_from, report.year_to, tuple(ids))


def excluded_countries(period: Period) -> dict:
    """edition id -> opted-out country ids; key None: opted out of every edition."""
    excluded: dict = {}
    for country_id, edition_id in ReportingOptOut.objects.filter(
        Q(edition_id__in=period.edition_ids) | Q(edition__isnull=True)
    ).values_list("country_id", "edition_id"):
        excluded.setdefault(edition_id, set()).add(country_id)
    return excluded


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def report_create(*, actor, year_from: int, year_to: int, title: str = "") -> IMRFReport:
    report = record_save(
        actor=actor,
        instance=IMRFReport(
            title=title
            or _("GFMD contribution to the IMRF, %(year_from)s-%(year_to)s")
            % {"year_from": year_from, "year_to": year_to},
            year_from=year_from,
            year_to=year_to,
            created_by=_user(actor),
        ),
    )
    report_generation_request(actor=actor, report=report)
    return report


def _editable(report: IMRFReport) -> None:
    if report.state != ReportState.DRAFT:
        raise ConflictError(_("Only a draft report can be changed."), code="not_draft")


@transaction.atomic
def report_generation_request(*, actor, report: IMRFReport) -> IMRFReport:
    report = IMRFReport.objects.select_for_update().get(pk=report.pk)
    _editable(report)
    if report.generation in (GenerationState.QUEUED, GenerationState.RUNNING):
        return report  # already on its way: one generation at a time
    report.generation = GenerationState.QUEUED
    report.progress = 0
    report.generation_error = ""
    report.save(update_fields=["generation", "progress", "generation_error"])
    log_action(actor, report, "outcomes.report_generation_requested", {})
    enqueue_on_commit("outcomes.generate_imrf_report", report_id=report.pk)
    return report


def _progress(report_id: int, value: int, **fields) -> None:
    IMRFReport.objects.filter(pk=report_id).update(progress=value, **fields)


def report_generate(*, report_id: int) -> bool:
    """The task's work. Progress is written outside the section transaction so a reader
    sees it move; returns False when the report is gone or no longer a draft."""
    report = IMRFReport.objects.filter(pk=report_id).first()
    if report is None or report.state != ReportState.DRAFT:
        return False
    _progress(report_id, 1, generation=GenerationState.RUNNING)
    try:
        period = period_of(report)
        excluded = excluded_countries(period)
        gathered = {}
        registered = sources()
        for index, source in enumerate(registered, start=1):
            gathered[source.key] = source.collect(period, excluded)
            _progress(report_id, 5 + int(80 * index / max(len(registered), 1)))
        with transaction.atomic():
            _write_sections(report, period, excluded, registered, gathered)
            report = IMRFReport.objects.select_for_update().get(pk=report_id)
            report.generation = GenerationState.DONE
            report.progress = 100
            report.generated_at = timezone.now()
            report.save(update_fields=["generation", "progress", "generated_at"])
            log_action(None, report, "outcomes.report_generated", {"sources": list(gathered)})
    except Exception as exc:
        _progress(report_id, 0, generation=GenerationState.FAILED, generation_error=str(exc)[:500])
        raise
    return True


def _write_sections(report, period, excluded, registered, gathered) -> None:
    objectives = list(Objective.objects.order_by("number"))
    existing = {s.key: s for s in ReportSection.objects.filter(report=report)}
    opted_out = len(set().union(*excluded.values())) if excluded else 0
    wanted = []
    intro = ReportSection(report=report, key="introduction", position=0)
    for suffix, language in LANGUAGES.items():
        with translation.override(language):
            setattr(intro, f"heading{suffix}", _("Introduction"))
            setattr(intro, f"generated_body{suffix}", _introduction(report, opted_out))
    intro.counts = {"opted_out_governments": opted_out, "editions": len(period.edition_ids)}
    wanted.append(intro)
    for objective in objectives:
        section = ReportSection(
            report=report,
            key=f"objective-{objective.number:02d}",
            position=objective.number,
            objective=objective,
        )
        items = {s.key: gathered[s.key].get(objective.number, []) for s in registered}
        section.counts = {key: len(value) for key, value in items.items()}
        statuses: dict = {}
        for item in items.get("follow_ups", []):
            statuses[item["status"]] = statuses.get(item["status"], 0) + 1
        if statuses:
            section.counts["follow_ups_by_status"] = statuses
        section.sources = [
            {"source": key, **item} for key, value in items.items() for item in value
        ]
        for suffix, language in LANGUAGES.items():
            with translation.override(language):
                short = getattr(objective, f"short_title{suffix}") or objective.short_title
                setattr(
                    section,
                    f"heading{suffix}",
                    _("Objective %(number)s: %(title)s")
                    % {"number": objective.number, "title": short},
                )
                setattr(section, f"generated_body{suffix}", _objective_text(registered, items))
        wanted.append(section)
    generated = [
        "heading",
        "heading_fr",
        "heading_es",
        "generated_body",
        "generated_body_fr",
        "generated_body_es",
        "counts",
        "sources",
        "position",
        "objective",
        "stale",
    ]
    for section in wanted:
        current = existing.pop(section.key, None)
        if current is None:
            section.save()
            continue
        for field in generated:  # never an edited_* column nor the origin
            setattr(current, field, getattr(section, field))
        current.stale = False
        current.save(update_fields=generated)
    for leftover in existing.values():  # kept for its edit, flagged
        leftover.stale = True
        leftover.save(update_fields=["stale"])


def _introduction(report, opted_out: int) -> str:
    text = _(
        "This is the contribution of the Global Forum on Migration and Development to the "
        "International Migration Review Forum for %(year_from)s-%(year_to)s. It groups the "
        "Forum's findings, inputs, recommendations and their follow-up by objective of the "
        "Global Compact for Safe, Orderly and Regular Migration, with links to the sources."
    ) % {"year_from": report.year_from, "year_to": report.year_to}
    if opted_out:
        text += "\n\n" + ngettext(
            "At its request, the contributions of %(count)s government are not counted.",
            "At their request, the contributions of %(count)s governments are not counted.",
            opted_out,
        ) % {"count": opted_out}
    return text


def _objective_text(registered, items: dict) -> str:
    if not any(items.values()):
        return _("No content of the period was tagged with this objective.")
    lines = []
    for source in registered:
        found = items.get(source.key, [])
        if not found:
            continue
        lines.append(_("%(source)s: %(count)s") % {"source": source.title, "count": len(found)})
        for item in found:
            lines.append(f"- {item['title']} ({item['year']}) {item['url']}")
    return "\n".join(lines)


@transaction.atomic
def section_edit(
    *, actor, section: ReportSection, body: str, body_fr="", body_es=""
) -> ReportSection:
    section = ReportSection.objects.select_for_update().select_related("report").get(pk=section.pk)
    _editable(section.report)
    if not body.strip():
        raise DomainError(_("An edited section needs a text."), field="body")
    section.origin = SectionOrigin.EDITED
    section.edited_body, section.edited_body_fr, section.edited_body_es = body, body_fr, body_es
    section.edited_by = _user(actor)
    section.edited_at = timezone.now()
    return record_save(actor=actor, instance=section)


@transaction.atomic
def section_revert(*, actor, section: ReportSection) -> ReportSection:
    """Drop the staff edit: the section shows its generated text again."""
    section = ReportSection.objects.select_for_update().select_related("report").get(pk=section.pk)
    _editable(section.report)
    section.origin = SectionOrigin.GENERATED
    section.edited_body = section.edited_body_fr = section.edited_body_es = ""
    section.edited_by = None
    section.edited_at = None
    return record_save(actor=actor, instance=section)


def report_transition(*, actor, report: IMRFReport, name: str, reason: str = "") -> IMRFReport:
    def prepare(obj):
        if name in ("submit", "approve") and obj.generation != GenerationState.DONE:
            raise ConflictError(_("The report is not generated yet."), code="not_generated")

    report = IMRFReport.objects.get(pk=report.pk)  # the generation moves outside this caller
    return transition_run(
        report, name, actor=actor, table=REPORT_TRANSITIONS, reason=reason, prepare=prepare
    )
