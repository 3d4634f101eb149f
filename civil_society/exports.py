"""CSV/XLSX columns for the CSD delegation (admin action and API).

In gfmd/platform/exports.py's format.

Rows are delegates fetched with `country` and `application__organisation__organisation`
(see selectors.records.delegation_export_for_user)."""

from gfmd.platform.exports import Column


def _profile(delegate):
    return delegate.application.organisation


DELEGATION_COLUMNS: list[Column] = [
    ("Name", lambda d: d.full_name),
    ("Email", lambda d: d.email),
    ("Organisation", lambda d: _profile(d).organisation.name),
    ("Sector", lambda d: _profile(d).get_sector_display()),
    ("Country", lambda d: d.country.name),
    ("ISO3", lambda d: d.country.iso3),
    ("Region", lambda d: d.country.region),
    ("Migrant-led", lambda d: _profile(d).migrant_led),
    ("Diaspora-led", lambda d: _profile(d).diaspora_led),
    ("Gender", lambda d: d.get_gender_display() if d.gender else ""),
]
