from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, QuerySet, Window
from django.db.models.query import ModelIterable, ValuesIterable
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination

TOTAL = "_page_total"
# One expression for every page: annotate() resolves a copy, and the copy keeps the
# identity computed here, which the statement cache hashes (api/statements.py).
COUNT_ALL = Window(Count("*"))
COUNT_ALL.identity  # noqa: B018 (computed once, copied with the expression)


class CountingPaginator(Paginator):
    """The page and the total in one statement: `count(*) OVER ()` rides on the page's
    query, so a list pays one query and one ORM compilation less than COUNT then page
    (the COUNT was a fifth of a practice search's database time). Django's COUNT is kept
    where a window would count something else (DISTINCT, UNION, rows already cut) and
    for a page past the end, which has no row to carry the total."""

    def page(self, number):
        queryset = self.object_list
        if not _windowable(queryset) or self.orphans:
            return super().page(number)
        number = self._valid_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(queryset.annotate(**{TOTAL: COUNT_ALL})[bottom : bottom + self.per_page])
        if not rows:
            if number == 1 and self.allow_empty_first_page:
                self.__dict__["count"] = 0  # cached_property
                return self._get_page([], number, self)
            return super().page(number)  # past the end: EmptyPage, as before
        first = rows[0]
        self.__dict__["count"] = first[TOTAL] if isinstance(first, dict) else getattr(first, TOTAL)
        return self._get_page(rows, number, self)

    def _valid_number(self, number) -> int:
        """Django's validate_number without the upper bound, which needs the count."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number


def _windowable(queryset) -> bool:
    return (
        isinstance(queryset, QuerySet)
        and issubclass(queryset._iterable_class, (ModelIterable, ValuesIterable))
        and not queryset.query.distinct
        and not queryset.query.combinator
        and not queryset.query.is_sliced
    )


class StandardPagination(PageNumberPagination):
    django_paginator_class = CountingPaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class NewestFirst(CursorPagination):
    """Cursor pages for large, growing logs: no COUNT over the table on every page, and
    stable pages while new rows arrive."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """DRF checks the cursor's offset but takes its position as given: a position that
        is not a value of the ordering field (`p=abc` for an id) failed in the query."""
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        try:
            field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
            position = field.to_python(cursor.position)
            field.get_prep_value(position)
        except (FieldDoesNotExist, ValidationError, TypeError, ValueError, OverflowError):
            raise NotFound(self.invalid_cursor_message) from None
        return Cursor(offset=cursor.offset, reverse=cursor.reverse, position=position)
