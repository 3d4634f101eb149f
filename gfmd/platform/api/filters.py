"""django-filter's DRF backend, building each view's filter classes once.

For a view declaring `filterset_fields`, django-filter creates a new FilterSet class on
every request (a class, its metaclass, one filter per field read from the model): about
half a millisecond of every list request, whether it filters or not. The class depends
only on the view, the model and the declared fields, so it is built once per process.

Each FilterSet instance also builds a new form class (a form field per filter, labels
translated); the class is the same for every request in one language, so it is kept per
FilterSet class and language, except where a filter's choices come from the request
(django-filter's QuerySetRequestMixin: ModelChoiceFilter and the like).
"""

from django.utils.translation import get_language
from django_filters.filters import QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend


class SharedFormClass:
    _form_classes = {}

    def get_form_class(self):
        if any(isinstance(f, QuerySetRequestMixin) for f in self.filters.values()):
            return super().get_form_class()
        key = (type(self), get_language())
        form_class = self._form_classes.get(key)
        if form_class is None:
            form_class = self._form_classes[key] = super().get_form_class()
        return form_class


class FilterBackend(DjangoFilterBackend):
    _automatic = {}
    _shared = {}

    def get_filterset_class(self, view, queryset=None):
        fields = getattr(view, "filterset_fields", None)
        if getattr(view, "filterset_class", None) or not fields or queryset is None:
            return super().get_filterset_class(view, queryset)
        key = (type(self), type(view), queryset.model, repr(fields))
        if key not in self._automatic:
            self._automatic[key] = super().get_filterset_class(view, queryset)
        return self._automatic[key]

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return None
        shared = self._shared.get(filterset_class)
        if shared is None:
            name = filterset_class.__name__
            attrs = {"__module__": filterset_class.__module__}
            shared = self._shared[filterset_class] = type(
                name, (SharedFormClass, filterset_class), attrs
            )
        return shared(**self.get_filterset_kwargs(request, queryset, view))
