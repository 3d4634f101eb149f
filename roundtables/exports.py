"""Spreadsheet columns for roundtables exports (admin actions and API).

See gfmd/platform/exports.py. Column titles are lazy: `columns()` writes them in the
active language when a file is made (the request's language).
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gfmd.platform.exports import Column
from roundtables.enums import CoChairState


def _confirmed_at(cochair):
    if cochair.state != CoChairState.CONFIRMED or cochair.decided_at is None:
        return ""
    return cochair.decided_at.isoformat(timespec="minutes")


COCHAIR_COLUMNS: list[Column] = [
    (_("Session"), lambda c: c.session.code),
    (_("Session title"), lambda c: c.session.title),
    (_("Seat"), lambda c: c.get_seat_display() if c.seat else ""),
    (_("Country"), lambda c: c.country.name),
    (_("ISO3"), lambda c: c.country.iso3),
    (_("State"), lambda c: c.get_state_display()),
    (_("Confirmed at"), _confirmed_at),
]


def columns(lazy_columns: list[Column]) -> list[Column]:
    """The columns with their titles (and lazy cell labels) written in the active language:
    spreadsheet writers take plain strings only."""
    return [(str(title), lambda row, get=get: _text(get(row))) for title, get in lazy_columns]


def _text(value):
    return str(value) if isinstance(value, Promise) else value
