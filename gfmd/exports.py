"""CSV and XLSX downloads of the lists staff use for logistics (admin actions and API)."""

import csv
import io
from collections.abc import Callable, Iterable

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

Column = tuple[str, Callable[[object], object]]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value) if not isinstance(value, int | float) else value
    # a cell starting with = + - @ would run as a formula in a spreadsheet
    if isinstance(text, str) and text[:1] in ("=", "+", "-", "@"):
        return "'" + text
    return text


def export_response(name: str, columns: list[Column], rows: Iterable, fmt: str) -> HttpResponse:
    header = [title for title, _ in columns]
    data = ([_cell(get(row)) for _, get in columns] for row in rows)
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet(name[:31])
        sheet.append(header)
        for line in data:
            sheet.append(line)
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue()
    else:
        fmt = "csv"
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(data)
        content = "\ufeff" + buffer.getvalue()  # BOM: Excel opens UTF-8 correctly
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    return response


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
