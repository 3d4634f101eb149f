"""The cycle dashboard on the admin index (docs/admin.md): panels registered by each app.

A panel is built for one edition from a fixed number of queries. Every figure states its
definition (shown on hover and in the panel's notes) so two staff members count the same
way, and links to the filtered list behind it. Apps register builders in AppConfig.ready
(`<app>/dashboard.py`); the platform knows none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    label: str
    value: object
    definition: str
    url: str = ""
    target: int | None = None  # drawn as a progress bar when given


@dataclass
class Panel:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    chart_svg: str = ""  # server-side SVG (gfmd/platform/charts.py), no script, no network
    # The numbers behind the chart, as a table anyone (and any screen reader) can read.
    table_headers: list[str] = field(default_factory=list)
    table_rows: list[list[object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty_hint: str = ""  # what to do when the panel has nothing yet


@dataclass(frozen=True)
class PanelSource:
    key: str
    order: int
    build: Callable[[object, object], Panel | None]  # (edition, user) -> panel or None


PANELS: dict[str, PanelSource] = {}


def register(source: PanelSource) -> None:
    PANELS[source.key] = source


def panels_for(edition, user) -> list[Panel]:
    built = (source.build(edition, user) for source in sorted(PANELS.values(), key=_order))
    return [panel for panel in built if panel is not None]


def _order(source: PanelSource):
    return (source.order, source.key)
