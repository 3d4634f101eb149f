"""What can be tagged, and what feeds the IMRF report: filled from the apps' ready().

Outcomes imports no app above it. `partnerships` (practices) and the document engine's
outcome documents register their tag subject and their report section here from their
own AppConfig.ready():

    from outcomes.registry import TagSubject, register_subject
    register_subject(TagSubject(
        key="practice", model="partnerships.practice", tag_model="partnerships.practicetag",
        edition_path="source_edition", country_path=None, label=_("practice")))

Subjects are named by model label (no model import here), resolved when used.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class TagSubject:
    key: str  # the API's name for the kind of content: /api/v1/outcomes/tags/{key}/{id}/
    model: str  # "roundtables.session"
    tag_model: str  # "outcomes.sessiontag"
    edition_path: str  # ORM path from the subject to its edition ("roundtable__edition")
    label: str
    # ORM path from the subject to the government that contributed it (opt-outs), if any.
    country_path: str | None = None
    # The permission to tag it; default: the Support Unit's.
    perm: str = "outcomes.tag_content"

    def subject_model(self):
        return apps.get_model(self.model)

    def tag_class(self):
        return apps.get_model(self.tag_model)


SUBJECTS: dict[str, TagSubject] = {}


def register_subject(subject: TagSubject) -> None:
    SUBJECTS[subject.key] = subject


def subject_for(key: str) -> TagSubject | None:
    return SUBJECTS.get(key)


@dataclass(frozen=True)
class ReportSource:
    """A section builder of the IMRF report.

    `collect(period, excluded)` returns {objective number: [item, ...]} where an item is a
    dict {"kind", "id", "title", "edition", "url"} (plus anything the section text uses);
    `period` has `year_from`, `year_to` and `edition_ids`; `excluded` maps edition id ->
    set of opted-out country ids (key None: every edition), which the source must honour.
    """

    key: str
    title: str
    order: int
    collect: Callable


SOURCES: dict[str, ReportSource] = {}


def register_source(source: ReportSource) -> None:
    SOURCES[source.key] = source


def sources() -> list[ReportSource]:
    return sorted(SOURCES.values(), key=lambda s: (s.order, s.key))


def register_builtin() -> None:
    for subject in (
        TagSubject(
            "session",
            "roundtables.session",
            "outcomes.sessiontag",
            "roundtable__edition",
            _("session"),
        ),
        TagSubject(
            "paper",
            "roundtables.workingpaper",
            "outcomes.papertag",
            "edition",  # every document kind has an edition (a Chair's document: no session)
            _("working paper"),
        ),
        TagSubject(
            "input",
            "roundtables.input",
            "outcomes.inputtag",
            "paper__edition",
            _("input"),
            country_path="country",
        ),
        TagSubject(
            "csd_recommendation",
            "civil_society.recommendation",
            "outcomes.csdrecommendationtag",
            "csd_edition__edition",
            _("CSD recommendation"),
        ),
        TagSubject(
            "recommendation",
            "outcomes.recommendation",
            "outcomes.recommendationtag",
            "edition",
            _("recommendation"),
        ),
    ):
        register_subject(subject)
