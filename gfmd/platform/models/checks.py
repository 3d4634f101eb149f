"""A CheckConstraint whose violation is reported under the field(s) it checks.

Django reports a failed CheckConstraint as a non-field error, so "the end date cannot be
before the start date" arrived in `non_field_errors` while every other rule names its
field. This subclass names the fields: those given as `fields=`, else the fields the
condition's lookups test (`end_date` in `Q(end_date__gte=F("start_date"))`: the field to
correct, compared with the other), else every field it reads.

The field names only shape validation messages, not the database, so `deconstruct()`
reports a plain CheckConstraint: swapping it in needs no migration.
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.constants import LOOKUP_SEP


def _referenced(node, tested_only: bool):
    if isinstance(node, Q):
        for child in node.children:
            yield from _referenced(child, tested_only)
    elif isinstance(node, tuple) and len(node) == 2:
        lookup, value = node
        yield lookup.split(LOOKUP_SEP)[0]
        if not tested_only:
            yield from _referenced(value, tested_only)
    elif isinstance(node, F):
        yield node.name.split(LOOKUP_SEP)[0]
    elif hasattr(node, "get_source_expressions"):
        for expression in node.get_source_expressions():
            yield from _referenced(expression, tested_only)


class CheckConstraint(models.CheckConstraint):
    def __init__(self, *args, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = tuple(fields) if fields else None

    def field_names(self, model) -> list[str]:
        names = (
            self.fields
            or list(_referenced(self.condition, tested_only=True))
            or list(_referenced(self.condition, tested_only=False))
        )
        result = []
        for name in names:
            try:
                result.append(model._meta.get_field(name).name)
            except FieldDoesNotExist:
                continue
        return list(dict.fromkeys(result))

    def validate(self, model, instance, exclude=None, using="default"):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            fields = self.field_names(model)
            if not fields or hasattr(error, "error_dict"):
                raise
            raise ValidationError({name: error.error_list for name in fields}) from None

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return "django.db.models.CheckConstraint", args, kwargs


def one_of(*fields: str) -> Q:
    """A condition: exactly one of the (nullable foreign key) `fields` is set.

    The "exactly one body" rule of records that name a government, an organisation or a
    mechanism (focal points, attendance, co-chairs): written once so every such constraint
    has the same shape.
    """
    condition = Q()
    for field in fields:
        branch = Q(**{f"{field}__isnull": False})
        for other in fields:
            if other != field:
                branch &= Q(**{f"{other}__isnull": True})
        condition |= branch
    return condition
