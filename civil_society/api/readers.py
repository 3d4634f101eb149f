"""The hottest Civil Society Days read, built from `values()` rows (see gfmd/platform/api/rows.py).

`applications` returns exactly what CSDApplicationSerializer returns for the same rows
(tests/civil_society/test_readers.py). Querysets come scoped, filtered and ordered from
the views.
"""

from civil_society.models import Delegate
from gfmd.platform.api.rows import datetime_writer, grouped

APPLICATION_COLUMNS = (
    "id",
    "csd_edition_id",
    "organisation_id",
    "organisation__organisation__name",
    "organisation__sector",
    "motivation",
    "contact_email",
    "status",
    "source",
    "external_ref",
    "submitted_at",
    "review_total",
)


def application_values(queryset):
    return queryset.prefetch_related(None).values(*APPLICATION_COLUMNS)


def applications(rows) -> list[dict]:
    """CSDApplicationSerializer's output for rows of `application_values`."""
    delegates = grouped(
        Delegate.objects.filter(application_id__in=[row["id"] for row in rows])
        .order_by("position", "id")
        .values(
            "id",
            "application_id",
            "csd_edition_id",
            "position",
            "full_name",
            "email",
            "gender",
            "country__iso3",
            "expertise",
            "roundtable_interests",
            "status",
            "waitlist_position",
            "decided_at",
        ),
        "application_id",
    )
    iso = datetime_writer()
    return [_application(row, delegates.get(row["id"], ()), iso) for row in rows]


def _application(row, delegates, iso) -> dict:
    name = row["organisation__organisation__name"]
    return {
        "id": row["id"],
        "csd_edition": row["csd_edition_id"],
        "organisation": row["organisation_id"],
        "organisation_name": name,
        "sector": row["organisation__sector"],
        "motivation": row["motivation"],
        "contact_email": row["contact_email"],
        "status": row["status"],
        "source": row["source"],
        "external_ref": row["external_ref"],
        "submitted_at": iso(row["submitted_at"]),
        "review_count": row["review_total"],
        "delegates": [
            {
                "id": d["id"],
                "application": d["application_id"],
                "csd_edition": d["csd_edition_id"],
                "organisation": name,
                "position": d["position"],
                "full_name": d["full_name"],
                "email": d["email"],
                "gender": d["gender"],
                "country": d["country__iso3"],
                "expertise": d["expertise"],
                "roundtable_interests": d["roundtable_interests"],
                "status": d["status"],
                "waitlist_position": d["waitlist_position"],
                "decided_at": iso(d["decided_at"]),
            }
            for d in delegates
        ],
    }
