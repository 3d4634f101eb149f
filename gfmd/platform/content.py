"""Per-language content: the original text in its column, translations in columns beside it.

A translated field `title` keeps the original text (English by default) in `title` and
gets one column per other language, `title_fr` and `title_es`, declared in the model
beside it (`blank=True`, empty meaning "not translated"). Reads go through
`translated(field)`, a database expression: the active language's column, else the
original (`COALESCE(NULLIF(title_fr, ''), title)`), so a list reads its translations in
the same statement, with no query per row and no Python per row. `missing_json(fields)`
says which of a row's texts are shown in the original language because their translation
is empty (a JSON array of field names, `[]` in the source language).

Why not a library: django-modeltranslation (the usual choice, real columns too) replaces
the original field's descriptor and manager: `obj.title` and `filter(title=...)` would
read `title_en_gb`, a new column to fill by a data migration, and every existing read,
ordering and service of the original text would change meaning. django-parler keeps
translations in a second table (a join or a query per list). Three columns and two small
expressions keep the original column as it is.
"""

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils import translation

# Languages other than the source (LANGUAGE_CODE), with their column suffix.
TRANSLATED = {"fr": "fr", "es": "es"}


def column_for(field: str, language: str | None = None) -> str | None:
    """The column holding `field` in `language` (the active one by default), or None for
    the source language."""
    language = (language or translation.get_language() or "").lower()
    suffix = TRANSLATED.get(language) or TRANSLATED.get(language.split("-")[0])
    return f"{field}_{suffix}" if suffix else None


def translated(field: str, prefix: str = ""):
    """`field` in the active language, falling back to the original text."""
    column = column_for(field)
    if column is None:
        return F(prefix + field)
    return Coalesce(NullIf(F(prefix + column), Value("")), F(prefix + field))


def missing_json(fields: list[str]):
    """A JSON array (text) of the fields shown in the original language because their
    translation into the active language is empty (and the original is not)."""
    if column_for(fields[0]) is None:
        return Value("[]")
    parts = []
    for field in fields:
        column = column_for(field)
        parts.append(
            Case(
                When(Q(**{column: ""}) & ~Q(**{field: ""}), then=Value(f'"{field}",')),
                default=Value(""),
            )
        )
    # '["title","description",]' -> drop the trailing comma
    joined = Concat(*parts, output_field=models.TextField()) if len(parts) > 1 else parts[0]
    return Concat(
        Value("["),
        RTrimComma(joined),
        Value("]"),
        output_field=models.TextField(),
    )


class RTrimComma(models.Func):
    function = "RTRIM"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = models.TextField()


def search_fields(*fields: str) -> list[str]:
    """Search fields plus their translation columns (admin and API search filters)."""
    return [
        name
        for field in fields
        for name in [field, *(f"{field}_{suffix}" for suffix in TRANSLATED.values())]
    ]
