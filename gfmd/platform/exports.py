"""CSV and XLSX downloads of the lists staff use for logistics (admin actions and API)."""

import csv
import io
from collections.abc import Callable, Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
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
        return _("yes") if value else _("no")
    text = str(value) if not isinstance(value, int | float) else value
    # a cell starting with = + - @ would run as a formula in a spreadsheet
    if isinstance(text, str) and text[:1] in ("=", "+", "-", "@"):
        return "'" + text
    return text


def export_response(name: str, columns: list[Column], rows: Iterable, fmt: str) -> HttpResponse:
    header = [str(title) for title, _get in columns]  # lazy titles: the active language
    data = ([_cell(get(row)) for _title, get in columns] for row in rows)
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
