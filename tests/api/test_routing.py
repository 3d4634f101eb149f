"""The API's URL patterns grouped by first segment (gfmd/platform/api/routing.py): the
same paths resolve to the same views, names reverse to the same paths, and a request
tries one pattern per resource family instead of every earlier app's patterns."""

from django.urls import URLPattern, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern

from gfmd.platform.api.routing import SegmentResolver, grouped


def _flat(patterns, prefix=""):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _flat(pattern.url_patterns, prefix + str(pattern.pattern).lstrip("^"))
        else:
            yield prefix + str(pattern.pattern).lstrip("^"), pattern


def test_grouping_keeps_order_names_and_arguments():
    def view(request):
        return None

    def route(regex, name):
        return URLPattern(RegexPattern(regex), view, {"kind": name}, name)

    patterns = [
        route(r"^papers/$", "paper-list"),
        route(r"^papers\.(?P<format>[a-z0-9]+)/?$", "paper-list"),
        route(r"^inputs/$", "input-list"),
        route(r"^papers/(?P<pk>[^/.]+)/$", "paper-detail"),
        route(r"^(?P<anything>[^/.]+)/$", "catch-all"),  # not literal: nothing moves past it
        route(r"^papers/extra/$", "paper-extra"),
    ]
    flat = [(regex, p.name, p.default_args) for regex, p in _flat(grouped(patterns))]
    # and resolved by first segment, the same pattern wins as in the flat list
    resolver = SegmentResolver("x/", grouped(patterns))
    wins = {
        "x/papers/": "paper-list",
        "x/papers.json": "paper-list",
        "x/papers/extra/": "paper-detail",
        "x/inputs/": "input-list",
        "x/anything/": "catch-all",
    }
    for path, name in wins.items():
        assert resolver.resolve(path).kwargs["kind"] == name, path
    assert flat == [
        ("papers/$", "paper-list", {"kind": "paper-list"}),
        ("papers/(?P<pk>[^/.]+)/$", "paper-detail", {"kind": "paper-detail"}),
        ("papers\\.(?P<format>[a-z0-9]+)/?$", "paper-list", {"kind": "paper-list"}),
        ("inputs/$", "input-list", {"kind": "input-list"}),
        ("(?P<anything>[^/.]+)/$", "catch-all", {"kind": "catch-all"}),
        ("papers/extra/$", "paper-extra", {"kind": "paper-extra"}),
    ]


def test_api_paths_resolve_and_reverse_as_before():
    cases = {
        "/api/v1/practices/": ("practice-list", {}),
        "/api/v1/practices/7/": ("practice-detail", {"pk": "7"}),
        "/api/v1/pfp/talk-calls/": ("pfp-talk-call-list", {}),
        "/api/v1/countries.json": ("country-list", {"format": "json"}),
        "/api/v1/sessions/": ("session-list", {}),
        "/api/v1/search/": ("search", {}),
    }
    for path, (name, kwargs) in cases.items():
        match = resolve(path)
        assert (match.url_name, match.kwargs) == (name, kwargs), path
        if "format" not in kwargs:
            assert reverse(name, kwargs=kwargs) == path


def test_a_request_tries_one_pattern_per_resource_family():
    (api,) = [p for p in get_resolver().url_patterns if str(p.pattern) == "api/v1/"]
    families = [str(p.pattern) for p in api.url_patterns]
    # about 80 entries at the top, not the routers' 400 patterns
    assert "^practices/" in families and len(families) < 100
    assert sum(1 for _ in _flat(api.url_patterns)) > 300


def test_a_path_tries_only_its_own_family():
    # the last app's family: before SegmentResolver every earlier family was tried
    assert resolve("/api/v1/pfp/talk-calls/").url_name == "pfp-talk-call-list"
    assert len(resolve("/api/v1/pfp/talk-calls/").tried) < 15
    assert resolve("/api/v1/me/preferences/").url_name  # ungrouped patterns still resolve
