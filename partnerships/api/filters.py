"""The public practice filters; each calls its selector."""

import django_filters

from partnerships.enums import ContentLanguage, PracticeState
from partnerships.models import Practice
from partnerships.selectors import practices as sel


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search", help_text="Full-text search in English, French and Spanish."
    )
    country = django_filters.CharFilter(
        method="by_country", help_text="ISO alpha-3 code of an implementing country."
    )
    theme = django_filters.NumberFilter(method="by_theme")
    objective = django_filters.NumberFilter(
        method="by_objective", help_text="Number (1-23) of a Global Compact objective."
    )
    edition = django_filters.NumberFilter(method="by_edition")
    session = django_filters.NumberFilter(
        method="by_session", help_text="Practices drawn from this roundtable session."
    )
    paper = django_filters.NumberFilter(field_name="source_paper")
    language = django_filters.ChoiceFilter(method="by_language", choices=ContentLanguage.choices)
    is_global = django_filters.BooleanFilter()
    state = django_filters.ChoiceFilter(choices=PracticeState.choices)

    class Meta:
        model = Practice
        fields = [
            "q",
            "country",
            "theme",
            "edition",
            "session",
            "paper",
            "language",
            "is_global",
            "state",
        ]

    def search(self, queryset, name, value):
        return sel.practices_search(queryset, value)

    def by_country(self, queryset, name, value):
        return sel.filter_by_country(queryset, value)

    def by_theme(self, queryset, name, value):
        return sel.filter_by_theme(queryset, int(value))

    def by_objective(self, queryset, name, value):
        return sel.filter_by_objective(queryset, int(value))

    def by_edition(self, queryset, name, value):
        return sel.filter_by_edition(queryset, int(value))

    def by_session(self, queryset, name, value):
        return sel.filter_by_session(queryset, int(value))

    def by_language(self, queryset, name, value):
        return sel.filter_by_language(queryset, value)
