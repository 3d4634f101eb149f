"""Plain language for the audit trail: activity entries read as sentences, not data.

One registry, filled by each app in one place (its `admin/plain.py`, imported by the app's
admin package): readable labels for its action codes and renderers for stored values that
are not primary keys (ISO3 codes, sector keys). Foreign keys, choices and booleans read
from the model without registration. The activity log, every change page's activity table
and any later screen (dashboard) describe entries through `describe_entries`, which
resolves the values of a whole page of entries with one query per renderer.

Platform layer: imports no domain app; apps hand their models to the renderer factories.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gfmd.platform.transitions import TABLES

# A renderer turns a set of stored values into {value: (text, admin url or "")}, in bulk.
Renderer = Callable[[set], dict]

ACTIONS: dict[str, str] = {}
RENDERERS: dict[tuple[str, str], Renderer] = {}
# Apps whose records are the service's own (the activity log's type filter lists these).
APPS: set[str] = set()

_VERBS = {"create": _("Created"), "update": _("Changed"), "delete": _("Deleted")}
_SKIPPED_KEYS = {"from", "to", "changes", "deleted"}
_LEGACY_STATE_KEYS = ("status", "state")
_PREFIXES = {"added": _("added"), "removed": _("removed")}


def register(app_label: str, *, actions: dict | None = None, fields: dict | None = None):
    """Declare an app's action labels ({"paper.publish": _("Published")}) and value
    renderers ({("gfmd.edition", "chairs"): lookup(Country, "iso3")})."""
    APPS.add(app_label)
    ACTIONS.update(actions or {})
    RENDERERS.update(fields or {})


def admin_url(obj) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def lookup(model, key: str = "pk", label: Callable = str) -> Renderer:
    """Values are `key`s of `model` rows: show each row's name, linked to its admin page."""

    def render(values: set) -> dict:
        keys = {v for v in values if v not in (None, "")}
        if not keys:
            return {}
        rows = model._default_manager.filter(**{f"{key}__in": keys})
        return {getattr(row, key): (label(row), admin_url(row)) for row in rows}

    return render


def choices(options) -> Renderer:
    """Values are choice keys: show their labels (a TextChoices class or (key, label) pairs)."""
    mapping = dict(getattr(options, "choices", options))
    return lambda values: {v: (str(mapping[v]), "") for v in values if v in mapping}


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        for candidate in model._meta.concrete_fields:
            if candidate.attname == name:
                return candidate
    return None


_DERIVED: dict[tuple[str, str], Renderer | None] = {}


def _renderer(model, name: str) -> Renderer | None:
    """The registered renderer, else one derived from the field (made once per field)."""
    if model is None:
        return None
    key = (model._meta.label_lower, name)
    if key not in RENDERERS and key not in _DERIVED:
        _DERIVED[key] = _derived_renderer(model, name)
    return RENDERERS.get(key) or _DERIVED[key]


def _derived_renderer(model, name: str) -> Renderer | None:
    model_field = _field(model, name)
    # A reverse relation (an activity key named like a related model's accessor) has no
    # stored value to render.
    if model_field is None or not getattr(model_field, "concrete", False):
        return None
    if model_field.choices:
        return choices(model_field.choices)
    if isinstance(model_field, models.ForeignKey):
        return lookup(model_field.related_model)
    return None


def _label(model, name: str) -> str:
    model_field = _field(model, name)
    if model_field is not None and hasattr(model_field, "verbose_name"):
        return capfirst(str(model_field.verbose_name))
    return capfirst(name.replace("_", " "))


def _scalars(value) -> list:
    if isinstance(value, list | tuple):
        return [v for v in value if not isinstance(v, list | dict)]
    return list(value) if isinstance(value, dict) else [value]


@dataclass
class Description:
    """One entry in words: the action's label and its lines, ready to show."""

    action: str
    object_url: str = ""
    lines: list = field(default_factory=list)  # (label, [(text, url)], kind)

    def html(self):
        parts = []
        for label, values, kind in self.lines:
            shown = [format_html('<a href="{}">{}</a>', u, t) if u else t for t, u in values]
            if kind == "from_to":
                sentence = format_html(
                    gettext("from {before} to {after}"), before=shown[0], after=shown[1]
                )
            else:
                sentence = format_html_join(", ", "{}", ((s,) for s in shown))
                if kind in _PREFIXES:
                    sentence = format_html("{} {}", _PREFIXES[kind], sentence)
            parts.append(format_html("{}: {}", label, sentence))
        return format_html_join("; ", "{}", ((p,) for p in parts))

    def text(self) -> str:
        out = []
        for label, values, kind in self.lines:
            if kind == "from_to":
                shown = gettext("from {before} to {after}").format(
                    before=values[0][0], after=values[1][0]
                )
            else:
                shown = ", ".join(str(t) for t, _u in values)
                shown = f"{_PREFIXES[kind]} {shown}" if kind in _PREFIXES else shown
            out.append(f"{label}: {shown}")
        return "; ".join(out)


def action_label(action: str, model=None) -> str:
    if action in ACTIONS:
        return str(ACTIONS[action])
    verb = action.rpartition(".")[2]
    if verb in _VERBS:
        return str(_VERBS[verb])
    table = TABLES.get(model._meta.label_lower) if model is not None else None
    if table is not None and verb in table:
        return str(table[verb].label)
    return capfirst(verb.replace("_", " "))


def _empty(value) -> bool:
    return value in (None, "", [], {})


def _plan(entry, model):
    """(label, field name, before, after, kind) per line, before any value is resolved."""
    data = entry.data or {}
    plans = []
    table = TABLES.get(model._meta.label_lower) if model is not None else None
    if "to" in data and table is not None:
        plans.append((table.field, data.get("from"), data["to"], "from_to"))
    for name, pair in (data.get("changes") or {}).items():
        if not (isinstance(pair, list) and len(pair) == 2):
            continue
        before, after = pair
        if name in _LEGACY_STATE_KEYS and table is not None:
            name = table.field  # entries written before the engine named the state "status"
        if isinstance(before, list | type(None)) and isinstance(after, list):
            added = [v for v in after if v not in (before or [])]
            removed = [v for v in (before or []) if v not in after]
            if added:
                plans.append((name, None, added, "added"))
            if removed:
                plans.append((name, None, removed, "removed"))
        elif _empty(before):
            plans.append((name, None, after, "set"))
        else:
            plans.append((name, before, after, "from_to"))
    for name, value in data.items():
        if name not in _SKIPPED_KEYS and not _empty(value):
            plans.append((name, None, value, "set"))
    return plans


def _show(value, resolved: dict) -> tuple[str, str]:
    if _empty(value):
        return (gettext("(empty)"), "")
    if isinstance(value, bool):
        return (gettext("yes") if value else gettext("no"), "")
    if isinstance(value, dict):
        return (", ".join(f"{resolved.get(k, (k,))[0]}: {v}" for k, v in value.items()), "")
    key = value if not isinstance(value, list) else None
    if key is not None and key in resolved:
        return resolved[key]
    return (str(value), "")


def describe_entries(entries: Iterable) -> list[Description]:
    """Descriptions for `entries` (a page of activity log rows); one query per renderer."""
    entries = list(entries)
    models_by_entry = [
        ContentType.objects.get_for_id(e.content_type_id).model_class() for e in entries
    ]
    plans = [_plan(e, m) for e, m in zip(entries, models_by_entry, strict=True)]
    wanted: dict = defaultdict(set)
    renderers = {}
    for model, lines in zip(models_by_entry, plans, strict=True):
        for name, before, after, _kind in lines:
            renderer = _renderer(model, name)
            if renderer is None:
                continue
            renderers[id(renderer)] = renderer
            for value in (before, after):
                wanted[id(renderer)].update(v for v in _scalars(value) if isinstance(v, str | int))
    resolved = {key: renderers[key](values) for key, values in wanted.items() if values}
    out = []
    for entry, model, lines in zip(entries, models_by_entry, plans, strict=True):
        description = Description(action_label(entry.action, model))
        description.object_url = _object_url(model, entry.object_id)
        for name, before, after, kind in lines:
            renderer = _renderer(model, name)
            known = resolved.get(id(renderer), {}) if renderer else {}
            label = _label(model, name)
            if kind == "from_to":
                values = [_show(before, known), _show(after, known)]
            elif isinstance(after, list):
                values = [_show(v, known) for v in after] or [_show(None, known)]
            else:
                values = [_show(after, known)]
            description.lines.append((label, values, kind))
        out.append(description)
    return out


def _object_url(model, object_id) -> str:
    if model is None:
        return ""
    try:
        return reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[object_id]
        )
    except NoReverseMatch:
        return ""


def own_content_types() -> models.QuerySet:
    """The service's own record types (not sessions, periodic tasks, OAuth toolkit)."""
    return ContentType.objects.filter(app_label__in=sorted(APPS)).order_by("app_label", "model")
