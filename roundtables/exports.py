"""Spreadsheet columns for roundtables exports (admin actions and API).

See gfmd/platform/exports.py.
"""

from gfmd.platform.exports import Column
from roundtables.enums import CoChairState


def _confirmed_at(cochair):
    if cochair.state != CoChairState.CONFIRMED or cochair.decided_at is None:
        return ""
    return cochair.decided_at.isoformat(timespec="minutes")


COCHAIR_COLUMNS: list[Column] = [
    ("Session", lambda c: c.session.code),
    ("Session title", lambda c: c.session.title),
    ("Seat", lambda c: c.get_seat_display() if c.seat else ""),
    ("Country", lambda c: c.country.name),
    ("ISO3", lambda c: c.country.iso3),
    ("State", lambda c: c.get_state_display()),
    ("Confirmed at", _confirmed_at),
]
