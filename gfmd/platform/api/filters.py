"""django-filter's DRF backend, building each view's filter classes once.

For a view declaring `filterset_fields`, django-filter creates a new FilterSet class on
every request (a class, its metaclass, one filter per field read from the model): about
half a millisecond of every list request, whether it filters or not. The class depends
only on the view, the model and the declared fields, so it is built once per process.

Each FilterSet instance also builds a new form class (a form field per filter, labels
translated); the class is the same for every request in one language, so it is kept per
FilterSet class and language, except where a filter's choices come from the request
(a QuerySetRequestMixin filter given a callable). Django and django-filter then deep-copy
the class's filters and form fields for each request, every choice and label with them;
here each filter is copied shallowly with its own `extra` (`SharedFilters`) and a choice
field keeps its class's choices (`SharedChoices`).

A filter on a foreign key (`?roundtable__edition=20`) is checked as django-filter checks
it, an unknown key is a 400 "Select a valid choice", but by one statement compiled once
per model (`SELECT 1 ... WHERE id = %s`) rather than a model read through the ORM, and the
filter compares the column with the key rather than with the instance it would have read.

A list that reads its page first may defer that check (`SpecListMixin`: the view gives a
`pending_keys` list): a page with rows proves every key exists (the rows matched it, and
the foreign key constraint holds), so the statement runs only for an empty page, and an
unknown key is the same 400 then. A form invalid for another reason checks them at once,
so the 400 names every bad filter, as before.

A request with no query parameters at all (a detail's lookup, a write action's) builds no
form: every filter skips an empty value, so only a required filter could say anything.
"""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import AutoField, BigAutoField
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import get_language
from django_filters.fields import ModelChoiceField
from django_filters.filters import ModelChoiceFilter, QuerySetRequestMixin
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation


class KeyChoiceField(ModelChoiceField):
    """A model choice cleaned to its key once the key is known to exist (or, with
    `pending` set, once the caller has checked it: `check_pending_keys`)."""

    _statements = {}
    pending = None  # (list, name): this form's deferred checks

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        model = self.queryset.model
        pk = model._meta.pk
        connection = connections[self.queryset.db]
        low, high = connection.ops.integer_field_range(pk.get_internal_type())
        try:
            key = pk.to_python(value)
        except ValidationError:
            key = None
        if key is None or not low <= key <= high:
            raise self._invalid(value)
        if self.pending is not None:
            checks, name = self.pending
            checks.append((name, self, connection, key, value))
        elif not self._exists(connection, model, key):
            raise self._invalid(value)
        return key

    def _invalid(self, value) -> ValidationError:
        return ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )

    def _exists(self, connection, model, key) -> bool:
        sql = self._statements.get((connection.alias, model))
        if sql is None:
            qn = connection.ops.quote_name
            table, column = qn(model._meta.db_table), qn(model._meta.pk.column)
            sql = self._statements[connection.alias, model] = (
                f"SELECT 1 FROM {table} WHERE {column} = %s LIMIT 1"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key])
            return cursor.fetchone() is not None

    def __deepcopy__(self, memo):
        # Each form copies its fields; the queryset is only read for its model and database
        # (and, in the browsable API, listed), so the copies share it: no clone per request.
        return forms.Field.__deepcopy__(self, memo)


class KeyChoiceFilter(ModelChoiceFilter):
    field_class = KeyChoiceField


def _by_key(filterset_class):
    """Automatic foreign-key filters (whole table, compared by primary key) read keys."""
    for f in filterset_class.base_filters.values():
        queryset = f.queryset if isinstance(f, QuerySetRequestMixin) else None
        if (
            type(f) is ModelChoiceFilter
            and not callable(queryset)
            and queryset is not None
            and not queryset.query.where
            and f.extra.get("to_field_name") in (None, queryset.model._meta.pk.name)
            and isinstance(queryset.model._meta.pk, (AutoField, BigAutoField))
        ):
            f.__class__ = KeyChoiceFilter  # (a subclass: the same state, read by key)
    return filterset_class


class SharedFormClass:
    _form_classes = {}

    def get_form_class(self):
        if any(
            isinstance(f, QuerySetRequestMixin) and callable(f.queryset)
            for f in self.filters.values()
        ):
            return super().get_form_class()
        key = (type(self), get_language())
        form_class = self._form_classes.get(key)
        if form_class is None:
            form_class = super().get_form_class()
            form_class.base_fields = SharedChoices(form_class.base_fields)
            self._form_classes[key] = form_class
        return form_class


class SharedFilters(dict):
    """A FilterSet class's filters, which each FilterSet deep-copies (choices, labels and
    all) for each request. A request sets `model` and `parent` on its copies and writes
    nothing else, so a filter is copied shallowly, with its own `extra`; a filter with a
    `method` keeps Django's deep copy (its FilterMethod points back at its own filter)."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, f in self.items():
            if f.method is not None:
                copies[name] = copy.deepcopy(f, memo)
                continue
            copies[name] = memo[id(f)] = copy.copy(f)
            copies[name].extra = dict(f.extra)
        return copies


class SharedChoices(dict):
    """A kept form class's fields, copied for each form as Django copies them
    (`Field.__deepcopy__`), except that a choice field's choices, fixed for the class, are
    shared rather than deep-copied with every label: most of a filter form's making."""

    def __deepcopy__(self, memo):
        return {
            name: forms.Field.__deepcopy__(field, memo)
            if isinstance(field, forms.ChoiceField)
            and not isinstance(field, forms.ModelChoiceField)
            else copy.deepcopy(field, memo)
            for name, field in self.items()
        }


def unknown_keys(checks) -> dict:
    """{filter name: its "Select a valid choice" error} for the deferred keys that do not
    exist (see the module's docstring)."""
    return {
        name: field._invalid(value)
        for name, field, connection, key, value in checks
        if not field._exists(connection, field.queryset.model, key)
    }


def check_pending_keys(checks) -> None:
    """The 400 the form would have raised, for every deferred key that does not exist."""
    errors = unknown_keys(checks)
    if errors:
        raise translate_validation(
            ErrorDict({name: ErrorList([error]) for name, error in errors.items()})
        )


class FilterBackend(DjangoFilterBackend):
    _automatic = {}
    _shared = {}

    def filter_queryset(self, request, queryset, view):
        if not request.query_params and not self._has_required(view, queryset):
            return queryset  # nothing to filter by (the module's docstring)
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        pending = getattr(view, "pending_keys", None)
        if pending is not None:
            for name, field in filterset.form.fields.items():
                if isinstance(field, KeyChoiceField):
                    field.pending = (pending, name)
        if not filterset.is_valid():
            form = filterset.form
            for name, error in unknown_keys(pending or ()).items():
                form.add_error(name, error)
            # in the form's field order, as one cleaning pass would have listed them
            found = form.errors
            errors = ErrorDict({name: found[name] for name in form.fields if name in found})
            errors.update(found)
            raise translate_validation(errors)
        return filterset.qs

    def _has_required(self, view, queryset) -> bool:
        filterset_class = self.get_filterset_class(view, queryset)
        return filterset_class is not None and any(
            f.extra.get("required") for f in filterset_class.base_filters.values()
        )

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
            shared = type(name, (SharedFormClass, filterset_class), attrs)
            if filterset_class in self._automatic.values():
                # (the subclass has filters of its own: its metaclass made them anew)
                shared = _by_key(shared)
            shared.base_filters = SharedFilters(shared.base_filters)
            self._shared[filterset_class] = shared
        return shared(**self.get_filterset_kwargs(request, queryset, view))
