"""CSV/XLSX columns for the CSD delegation (admin action and API).

In gfmd/platform/exports.py's format. The titles are marked lazily and resolved in the
active language each time the columns are read (`TranslatedColumns`), so the CSV and XLSX
writers get plain text in the requested language.

Rows are delegates fetched with `country` and `application__organisation__organisation`
(see selectors.records.delegation_export_for_user)."""

from django.utils.translation import gettext_lazy as _

from gfmd.platform.exports import Column


class TranslatedColumns(list):
    """(title, getter) pairs whose lazy titles come out as text in the active language."""

    def __iter__(self):
        for title, get in super().__iter__():
            yield str(title), get


def _profile(delegate):
    return delegate.application.organisation


DELEGATION_COLUMNS: list[Column] = TranslatedColumns(
    [
        (_("Name"), lambda d: d.full_name),
        (_("Email"), lambda d: d.email),
        (_("Organisation"), lambda d: _profile(d).organisation.name),
        (_("Sector"), lambda d: _profile(d).get_sector_display()),
        (_("Country"), lambda d: d.country.name),
        (_("ISO3"), lambda d: d.country.iso3),
        (_("Region"), lambda d: d.country.region),
        (_("Migrant-led"), lambda d: _profile(d).migrant_led),
        (_("Diaspora-led"), lambda d: _profile(d).diaspora_led),
        (_("Gender"), lambda d: d.get_gender_display() if d.gender else ""),
    ]
)
