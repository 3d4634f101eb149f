"""Spreadsheet columns for the governance core's exports (admin actions and API).

See gfmd/platform/exports.py. Column titles are lazy: they are written in the language of
the request that downloads the file.
"""

from django.utils.translation import gettext_lazy as _

from gfmd.platform.exports import Column


def _body(row):
    # attendance and focal points may name a stakeholder mechanism instead
    return row.country or row.organisation or getattr(row, "mechanism", None)


FOCAL_POINT_COLUMNS: list[Column] = [
    (_("Name"), lambda fp: fp.user.get_full_name() or fp.user.get_username()),
    (_("Email"), lambda fp: fp.user.email),
    (_("Government or organisation"), lambda fp: _body(fp)),
    (_("ISO3"), lambda fp: fp.country.iso3 if fp.country_id else ""),
    (_("Role"), lambda fp: fp.get_role_display()),
    (_("From"), lambda fp: fp.start_date),
    (_("Until"), lambda fp: fp.end_date),
]

FRIENDS_COLUMNS: list[Column] = [
    (_("Edition"), lambda f: f.edition.title),
    (_("Government or organisation"), lambda f: _body(f)),
    (_("ISO3"), lambda f: f.country.iso3 if f.country_id else ""),
    (_("Region"), lambda f: f.country.region if f.country_id else ""),
    (_("Role"), lambda f: f.get_role_display()),
]

ATTENDANCE_COLUMNS: list[Column] = [
    (_("Meeting"), lambda a: a.meeting.title),
    (_("Date"), lambda a: a.meeting.start_date),
    (_("Government or organisation"), lambda a: _body(a)),
    (_("ISO3"), lambda a: a.country.iso3 if a.country_id else ""),
    (_("Role"), lambda a: a.get_role_display()),
    (_("Attended"), lambda a: a.attended),
]
