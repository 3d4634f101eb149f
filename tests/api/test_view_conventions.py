"""Every API viewset the URLs route to follows the two view conventions (issue 14, part 4).

- Writes go through hooks: no view overrides `create`/`update`/`partial_update` around
  the safe-write mixins (that is how sessions and applications once lost If-Match and
  Idempotency-Key). Only the platform's own mixins define them.
- One spelling for action -> permission: a class dict `permission_map`, nothing else.
"""

import inspect

from django.urls import URLPattern, URLResolver, get_resolver

from gfmd.platform.api import safe_writes, viewsets
from gfmd.platform.api.permissions import permission_map_of

APPS = ("gfmd", "roundtables", "civil_society", "contributions")
PLATFORM = {safe_writes.__name__, viewsets.__name__}  # where create/update may be defined
WRITES = ("create", "update", "partial_update")


def _routed_views(patterns=None):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from _routed_views(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            cls = getattr(entry.callback, "cls", None)
            if cls is not None and cls.__module__.split(".")[0] in APPS:
                yield cls


def _api_views():
    views = set(_routed_views())
    assert len(views) > 30, "the walk found too few views: is the API routed?"
    return sorted(views, key=lambda v: f"{v.__module__}.{v.__qualname__}")


def _defined_in(function) -> str:
    # @extend_schema_view copies an inherited method onto the view as a wrapper: look through
    return inspect.unwrap(function).__module__


def test_no_view_overrides_the_write_paths():
    offenders = [
        f"{view.__qualname__}: {klass.__qualname__}.{name}"
        for view in _api_views()
        for klass in view.__mro__
        for name in WRITES
        if name in vars(klass)
        and _defined_in(vars(klass)[name]).split(".")[0] in APPS
        and _defined_in(vars(klass)[name]) not in PLATFORM
    ]
    assert offenders == [], "write through perform_create/perform_update instead"


def test_create_and_update_reach_the_safe_write_mixins():
    """The safe-write views' create/update are the mixins' (nothing sits in front)."""
    for view in _api_views():
        if issubclass(view, safe_writes.IdempotentCreateMixin):
            assert inspect.unwrap(view.create) is safe_writes.IdempotentCreateMixin.create, view
        if issubclass(view, safe_writes.ConditionalUpdateMixin):
            assert inspect.unwrap(view.update) is safe_writes.ConditionalUpdateMixin.update, view


def test_permission_map_is_one_class_dict():
    for view in _api_views():
        for klass in view.__mro__:
            spelled = vars(klass)
            assert "extra_permissions" not in spelled, klass
            assert "get_permission_map" not in spelled, klass
            if "permission_map" in spelled:
                assert isinstance(spelled["permission_map"], dict), klass
        mapping = permission_map_of(view)
        assert all(isinstance(v, str) and v for v in mapping.values()), view


def test_mixin_and_transition_permissions_are_merged():
    from roundtables.api.views.papers import WorkingPaperViewSet
    from roundtables.api.views.programme import CoChairViewSet
    from roundtables.enums import COCHAIR_TRANSITIONS, PAPER_TRANSITIONS

    papers = permission_map_of(WorkingPaperViewSet)
    assert papers["activity"] == "gfmd.view_activitylog"  # from ActivityMixin
    assert {k: papers[k] for k in PAPER_TRANSITIONS} == PAPER_TRANSITIONS.permissions()
    cochairs = permission_map_of(CoChairViewSet)
    assert {k: cochairs[k] for k in COCHAIR_TRANSITIONS} == COCHAIR_TRANSITIONS.permissions()
    assert cochairs["replace"] == "roundtables.replace_cochair"
