"""The admin's search page (the box in every admin page's header; docs/search.md)."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from gfmd.platform.search import SOURCES
from gfmd.platform.search.query import search

PAGE_SIZE = 20
MAX_PAGE = 50


class _Counted(list):
    """A page of hits that tells the paginator the total without fetching the rest."""

    def __init__(self, hits, total):
        super().__init__(hits)
        self.total = total

    def count(self):
        return self.total


def search_view(request, admin_site):
    text = request.GET.get("q", "").strip()
    chosen = [name for name in request.GET.getlist("type") if name in SOURCES]
    try:
        number = min(max(int(request.GET.get("page", 1)), 1), MAX_PAGE)
    except ValueError:
        number = 1
    found = search(
        request.user,
        text,
        sources=chosen or None,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    paginator = Paginator(range(min(found.count, PAGE_SIZE * MAX_PAGE)), PAGE_SIZE)
    context = {
        **admin_site.each_context(request),
        "title": _("Search"),
        "query": text,
        "found": found,
        "page": paginator.get_page(number) if found.count else None,
        "types": [(name, source.label, name in chosen) for name, source in SOURCES.items()],
    }
    return TemplateResponse(request, "admin/gfmd/search.html", context)
