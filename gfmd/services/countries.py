"""Country reference data and the staff override of development status."""

import csv
import re
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.enums import DevelopmentStatus
from gfmd.models import Country
from gfmd.models.countries import search_key
from gfmd.platform.errors import DomainError
from gfmd.platform.services.activity import log_action

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COUNTRIES_CSV = DATA_DIR / "un_m49_countries.csv"
# Former, common, UN-document and ISO names, each with its source (data/PROVENANCE.md).
ALT_NAMES_CSV = DATA_DIR / "country_alt_names.csv"
REFERENCE_FIELDS = (
    "iso3",
    "m49",
    "name",
    "official_name",
    "region",
    "sub_region",
    "intermediate_region",
    "un_status",
    "un_member_since",
    "development_default",
)


# The source table writes two ISO alpha-2 codes as a regex ("^GB$|^UK$", "^GR$|^EL$"): the
# first alternative is the ISO 3166 code, the second an EU alias.
_ALIAS_PATTERN = re.compile(r"^\^([A-Z]{2})\$(\|\^[A-Z]{2}\$)+$")


def _clean_iso2(value: str) -> str:
    match = _ALIAS_PATTERN.match(value)
    return match.group(1) if match else value


def read_reference_rows(path: Path = COUNTRIES_CSV) -> list[dict]:
    """Rows of the reference CSV, cleaned and checked (a malformed row stops the load)."""
    # csv (unlike pandas) keeps Namibia's "NA" as the string it is.
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for number, row in enumerate(rows, start=2):
        row["iso2"] = _clean_iso2(row["iso2"])
        row["un_member_since"] = int(row["un_member_since"]) if row["un_member_since"] else None
        shape = (len(row["iso2"]), len(row["iso3"]), len(row["m49"]))
        if shape != (2, 3, 3) or row["development_default"] not in DevelopmentStatus.values:
            raise ValueError(f"{path.name} line {number}: malformed row {row!r}")
    return rows


def read_alt_names(path: Path = ALT_NAMES_CSV) -> dict[str, list[str]]:
    """Alternative names by ISO alpha-3 code; a row without a name or source stops the load."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names: dict[str, list[str]] = {}
    for number, row in enumerate(rows, start=2):
        if len(row["iso3"]) != 3 or not row["name"].strip() or not row["source"].strip():
            raise ValueError(f"{path.name} line {number}: malformed row {row!r}")
        names.setdefault(row["iso3"], []).append(row["name"].strip())
    return names


def country_search_text(row: dict, alt_names: list[str]) -> str:
    """What search matches: names, alternative names and codes, folded by search_key()."""
    parts = [row["name"], row["official_name"], *alt_names, row["iso2"], row["iso3"], row["m49"]]
    return " | ".join(search_key(part) for part in parts if part)


@transaction.atomic
def countries_load(*, actor=None, path: Path = COUNTRIES_CSV, model=Country) -> dict:
    """Insert or update the reference list by ISO alpha-2 code. Idempotent; keeps overrides.

    `model` lets the data migration pass its historical model.
    """
    existing = {c.iso2: c for c in model.objects.all()}
    rows = read_reference_rows(path)
    # The 0003 data migration's historical model predates search_text.
    indexed = any(f.name == "search_text" for f in model._meta.fields)
    fields = (*REFERENCE_FIELDS, "search_text") if indexed else REFERENCE_FIELDS
    alt_names = read_alt_names() if indexed else {}
    unknown = set(alt_names) - {row["iso3"] for row in rows}
    if unknown:
        raise ValueError(f"{ALT_NAMES_CSV.name}: unknown ISO alpha-3 codes {sorted(unknown)}")
    created, updated = [], []
    for row in rows:
        values = {f: row[f] for f in REFERENCE_FIELDS}
        if indexed:
            values["search_text"] = country_search_text(row, alt_names.get(row["iso3"], []))
        country = existing.get(row["iso2"])
        if country is None:
            created.append(model(iso2=row["iso2"], **values))
        elif any(getattr(country, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(country, f, v)
            updated.append(country)
    model.objects.bulk_create(created)
    if updated:
        model.objects.bulk_update(updated, fields)
    return {"created": len(created), "updated": len(updated), "total": len(existing) + len(created)}


@transaction.atomic
def country_override_development(*, actor, country: Country, status: str, reason: str) -> Country:
    """Set (or clear, with status "") the policy override of a country's development status."""
    country = Country.objects.select_for_update().get(pk=country.pk)
    reason = (reason or "").strip()
    if status and not reason:
        raise DomainError(
            _("Give the reason for overriding the development status."), field="reason"
        )
    if status == country.development_default:
        status = ""  # same as the default: nothing to override
    before = {
        "development_override": country.development_override,
        "override_reason": country.override_reason,
    }
    country.development_override = status
    country.override_reason = reason if status else ""
    country.override_by = actor if status and getattr(actor, "is_authenticated", False) else None
    country.override_at = timezone.now() if status else None
    country.full_clean()
    country.save(
        update_fields=["development_override", "override_reason", "override_by", "override_at"]
    )
    log_action(
        actor,
        country,
        "country.override_development",
        {
            "changes": {
                k: [before[k], getattr(country, k)]
                for k in before
                if before[k] != getattr(country, k)
            },
            "reason": reason,
        },
    )
    return country


@transaction.atomic
def country_override_perspective(
    *, actor, country: Country, perspective: str, reason: str
) -> Country:
    """Set (or clear, with "") the staff override of a country's migration perspective."""
    country = Country.objects.select_for_update().get(pk=country.pk)
    reason = (reason or "").strip()
    if perspective and not reason:
        raise DomainError(
            _("Give the reason for overriding the migration perspective."), field="reason"
        )
    if perspective == country.migration_perspective:
        perspective = ""  # same as the policy data: nothing to override
    before = [country.perspective_override, country.perspective_override_reason]
    country.perspective_override = perspective
    country.perspective_override_reason = reason if perspective else ""
    country.full_clean()
    country.save(update_fields=["perspective_override", "perspective_override_reason"])
    log_action(
        actor,
        country,
        "country.override_perspective",
        {
            "changes": {
                "perspective_override": [before[0], country.perspective_override],
                "perspective_override_reason": [before[1], country.perspective_override_reason],
            },
            "reason": reason,
        },
    )
    return country


@transaction.atomic
def country_set_perspective(*, actor, country: Country, perspective: str) -> Country:
    """Record the policy data: the country's migration perspective (blank: not set)."""
    country = Country.objects.select_for_update().get(pk=country.pk)
    before = country.migration_perspective
    country.migration_perspective = perspective
    country.full_clean()
    country.save(update_fields=["migration_perspective"])
    log_action(
        actor,
        country,
        "country.set_perspective",
        {"changes": {"migration_perspective": [before, perspective]}},
    )
    return country
