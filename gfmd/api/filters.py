"""Filters of the governance core's lists."""

from rest_framework.filters import SearchFilter

from gfmd.selectors.records import countries_matching


class CountrySearchFilter(SearchFilter):
    """`?search=` over every name and code of a country, ignoring case and diacritics."""

    def filter_queryset(self, request, queryset, view):
        return countries_matching(queryset, request.query_params.get(self.search_param, ""))
