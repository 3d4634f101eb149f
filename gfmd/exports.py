"""Spreadsheet columns for the governance core's exports (admin actions and API).

See gfmd/platform/exports.py.
"""

from gfmd.platform.exports import Column


def _body(row):
    return row.country or row.organisation


FOCAL_POINT_COLUMNS: list[Column] = [
    ("Name", lambda fp: fp.user.get_full_name() or fp.user.get_username()),
    ("Email", lambda fp: fp.user.email),
    ("Government or organisation", lambda fp: _body(fp)),
    ("ISO3", lambda fp: fp.country.iso3 if fp.country_id else ""),
    ("Role", lambda fp: fp.get_role_display()),
    ("From", lambda fp: fp.start_date),
    ("Until", lambda fp: fp.end_date),
]

FRIENDS_COLUMNS: list[Column] = [
    ("Edition", lambda f: f.edition.title),
    ("Government or organisation", lambda f: _body(f)),
    ("ISO3", lambda f: f.country.iso3 if f.country_id else ""),
    ("Region", lambda f: f.country.region if f.country_id else ""),
    ("Role", lambda f: f.get_role_display()),
]

ATTENDANCE_COLUMNS: list[Column] = [
    ("Meeting", lambda a: a.meeting.title),
    ("Date", lambda a: a.meeting.start_date),
    ("Government or organisation", lambda a: _body(a)),
    ("ISO3", lambda a: a.country.iso3 if a.country_id else ""),
    ("Role", lambda a: a.get_role_display()),
    ("Attended", lambda a: a.attended),
]
