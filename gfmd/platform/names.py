"""Names and titles people read: no invisible characters, and look-alike letters exposed.

`validate_visible_text` is the one rule (model field validators: the API, the admin and
services all run it); `visible_text_constraint` is its PostgreSQL backstop for the worst
characters. `latin_skeleton` folds letters of another script that look Latin (Cyrillic
'а', Greek 'ο') into Latin, so duplicate detection sees "Migrаnt Forum" as "Migrant Forum".
"""

import unicodedata

from confusable_homoglyphs import categories, confusables
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Zero-width joiners are part of the spelling in Persian, Arabic and Indic scripts: allowed
# between two letters of such scripts, refused anywhere else.
JOINERS = {"\u200c", "\u200d"}
# The database backstop: control characters, soft hyphen, zero-width space, direction marks,
# bidi embeddings/overrides/isolates, word joiner and invisible operators, BOM. (NUL cannot
# be stored by PostgreSQL at all.)
INVISIBLE_PATTERN = (
    "[\x01-\x1f\x7f-\x9f\xad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)


def _joiner_allowed(value: str, i: int) -> bool:
    if i == 0 or i == len(value) - 1:
        return False
    around = (value[i - 1], value[i + 1])
    return all(c.isalpha() and categories.alias(c) not in {"LATIN", "COMMON"} for c in around)


def invisible_characters(value: str) -> list[str]:
    """Code points (U+XXXX) of the invisible or control characters in `value`."""
    found = []
    for i, char in enumerate(value or ""):
        if unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}:
            if char in JOINERS and _joiner_allowed(value, i):
                continue
            found.append(f"U+{ord(char):04X}")
    return found


def validate_visible_text(value: str) -> None:
    found = invisible_characters(value)
    if found:
        raise ValidationError(
            _("Remove the invisible or control characters (%(chars)s)."),
            code="invisible_characters",
            params={"chars": ", ".join(dict.fromkeys(found))},
        )


def visible_text_constraint(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~Q(**{f"{field}__regex": INVISIBLE_PATTERN}),
        name=name,
        violation_error_message=_("Names and titles cannot contain invisible characters."),
    )


def is_mixed_script(value: str) -> bool:
    """Latin letters mixed with letters of another script (COMMON: digits, spaces...)."""
    return bool(value) and confusables.is_mixed_script(value)


def latin_skeleton(value: str) -> str:
    """`value` with each non-Latin letter that has a Latin look-alike replaced by it."""
    found = confusables.is_confusable(value or "", greedy=True, preferred_aliases=["latin"])
    if not found:
        return value
    swap = {}
    for item in found:
        latin = [h["c"] for h in item["homoglyphs"] if categories.alias(h["c"][0]) == "LATIN"]
        if latin:
            swap[item["character"]] = latin[0]
    return "".join(swap.get(c, c) for c in value)
