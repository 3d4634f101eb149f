"""django-filter's DRF backend, building each view's automatic FilterSet class once.

For a view declaring `filterset_fields`, django-filter creates a new FilterSet class on
every request (a class, its metaclass, one filter per field read from the model): about
half a millisecond of every list request, whether it filters or not. The class depends
only on the view, the model and the declared fields, so it is built once per process.
"""

from django_filters.rest_framework import DjangoFilterBackend


class FilterBackend(DjangoFilterBackend):
    _automatic = {}

    def get_filterset_class(self, view, queryset=None):
        fields = getattr(view, "filterset_fields", None)
        if getattr(view, "filterset_class", None) or not fields or queryset is None:
            return super().get_filterset_class(view, queryset)
        key = (type(self), type(view), queryset.model, repr(fields))
        if key not in self._automatic:
            self._automatic[key] = super().get_filterset_class(view, queryset)
        return self._automatic[key]
