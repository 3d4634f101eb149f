"""The API's URL patterns grouped by their first path segment.

Django tries URL patterns in order, and the routers of the seven apps give about 400: a
request for a resource of the last app ran every earlier pattern's regular expression
before its view (0.46 ms of a practice search). Grouped, a request tries one pattern per
resource family, then that family's few. Paths, names, reversing and the schema are
unchanged; only patterns with a literal first segment are grouped, and never across a
pattern without one, so no pattern can shadow another that it did not shadow before.

`SegmentResolver` (the API's prefix, `api/v1/`) then goes straight to the one family the
path's first segment names: still ~50 families' regular expressions were tried before
`sessions/`. A path can only match its own family's include (a literal first segment) or a
pattern that was not grouped, so trying just those, in their order, gives the same match.
"""

import re

from django.urls import URLPattern, include, re_path
from django.urls.resolvers import RegexPattern, RoutePattern, URLResolver
from django.utils.functional import cached_property

# "^papers/..." or "^countries\.(?P<format>...)": a literal segment, then "/" or "\."
LITERAL_FIRST = re.compile(r"^\^([A-Za-z0-9_-]+(?:/|\\\.))")
# a path's first segment as a family's key ("sessions/", "countries.")
PATH_FIRST = re.compile(r"[A-Za-z0-9_-]+[/.]")


def grouped(patterns) -> list:
    """`patterns` (router URL patterns, in order) with one include per first segment."""
    out, groups = [], {}
    for pattern in patterns:
        match = None
        if isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RegexPattern):
            match = LITERAL_FIRST.match(str(pattern.pattern))
        if match is None:
            out.append(pattern)
            groups = {}  # nothing after it moves before it
            continue
        segment = match.group(1)
        if segment not in groups:
            groups[segment] = []
            family = re_path(f"^{segment}", include(groups[segment]))
            family.segment = segment.replace("\\.", ".")
            out.append(family)
        rest = "^" + str(pattern.pattern)[match.end() :]
        groups[segment].append(
            re_path(rest, pattern.callback, kwargs=pattern.default_args, name=pattern.name)
        )
    return out


class SegmentResolver(URLResolver):
    """A URLResolver over `grouped` patterns that tries only the family of the path's
    first segment and the ungrouped patterns (in their order); reversing, the checks
    and the schema see every pattern, as before."""

    def __init__(self, route: str, patterns):
        super().__init__(RoutePattern(route, is_endpoint=False), list(patterns))
        self._narrowed = {}

    @cached_property
    def _families(self) -> frozenset:
        return frozenset(getattr(p, "segment", None) for p in self.url_patterns) - {None}

    def _for(self, key: str | None) -> URLResolver:
        if key not in self._families:  # a bounded set of keys: any other gets the ungrouped
            key = None
        narrowed = self._narrowed.get(key)
        if narrowed is None:
            patterns = [p for p in self.url_patterns if getattr(p, "segment", key) == key]
            narrowed = self._narrowed[key] = URLResolver(self.pattern, patterns)
        return narrowed

    def resolve(self, path):
        match = self.pattern.match(str(path))
        if not match:
            return super().resolve(path)
        first = PATH_FIRST.match(match[0])
        return self._for(first.group(0) if first else None).resolve(path)
