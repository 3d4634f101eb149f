"""Serializers of records with translated texts (gfmd/platform/content.py).

`TranslatedContentMixin` with `translated_fields = ["title", ...]`: the per-language
columns (`title_fr`, `title_es`) are ordinary writable fields of the payload; `title` is
answered in the active language, else in the original language, and
`translated_fields_missing` lists the fields answered in the original language because
they have no translation (`[]` in the source language). The columns come with the row:
no query per row. (Output-spec payloads do the same in SQL: `Column(translated=True)`
and `missing_json`.)
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gfmd.platform.content import TRANSLATED, column_for

MISSING_HELP = _(
    "Fields given in the original language because they have no translation into the "
    "language of the answer (Content-Language)."
)


def translated_field_names(*fields: str) -> list[str]:
    """Meta.fields entries: each field, then its translation columns."""
    return [
        name
        for field in fields
        for name in [field, *(f"{field}_{suffix}" for suffix in TRANSLATED.values())]
    ]


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class MissingTranslationsField(serializers.ReadOnlyField):
    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", MISSING_HELP)
        super().__init__(source="*", **kwargs)

    def to_representation(self, value):
        return []  # filled by TranslatedContentMixin.to_representation


class TranslatedContentMixin:
    translated_fields: list[str] = []

    def get_fields(self):
        fields = super().get_fields()
        fields["translated_fields_missing"] = MissingTranslationsField()
        return fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        missing = []
        for field in self.translated_fields:
            column = column_for(field)
            if column is None or field not in data:
                continue
            value = getattr(instance, column, "")
            if value:
                data[field] = value
            elif getattr(instance, field, ""):
                missing.append(field)
        data["translated_fields_missing"] = missing
        return data
