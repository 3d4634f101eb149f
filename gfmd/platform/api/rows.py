"""Helpers for payloads built straight from `values()` rows (see the apps' `api/readers.py`).

The hottest reads skip model instances and DRF's per-field machinery, which cost most of
their CPU (docs/performance.md). The serializers stay the contract: they document the
schema, and tests assert each reader returns exactly what its serializer returns. These
helpers write values the way DRF's fields do.
"""

from collections import defaultdict

from django.utils import timezone


def datetime_writer():
    """A function writing datetimes as DRF's DateTimeField does: in the current time zone
    (looked up once, here, not per value), ISO 8601, UTC written "Z"."""
    zone = timezone.get_current_timezone()

    def write(value):
        if not value:
            return None
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return write


def grouped(rows, key: str) -> dict:
    """{row[key]: [rows...]}, keeping the rows' order."""
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups
