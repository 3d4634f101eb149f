"""The hottest roundtables reads, built from `values()` rows (see gfmd/platform/api/rows.py).

Each function returns exactly what its serializer returns for the same rows
(tests/roundtables/test_readers.py): `sessions` = SessionSerializer, `inputs` =
InputSerializer. Querysets come scoped, filtered and ordered from the views.
"""

from django.urls import reverse

from gfmd.platform.api.rows import datetime_writer, grouped
from roundtables.enums import CoChairState, Seat
from roundtables.models import CoChair, TeamMembership
from roundtables.models.programme import session_code

SESSION_COLUMNS = (
    "id",
    "roundtable__number",
    "roundtable__edition_id",
    "roundtable_id",
    "number",
    "title",
    "theme_id",
    "theme__name",
    "description",
    "observers_may_submit",
    "slot_start",
    "slot_end",
    "room",
    "paper__id",
    "paper__title",
    "paper__state",
    "paper__consultation_deadline",
)
SEATS = tuple(Seat.values)


def session_values(queryset):
    return queryset.prefetch_related(None).values(*SESSION_COLUMNS)


def sessions(rows) -> list[dict]:
    """SessionSerializer's output for rows of `session_values`."""
    ids = [row["id"] for row in rows]
    cochairs = grouped(
        CoChair.objects.filter(session_id__in=ids)
        .order_by("id")
        .values(
            "id",
            "session_id",
            "country__iso3",
            "country__name",
            "state",
            "origin",
            "seat",
            "proposed_at",
            "decided_at",
            "reason",
        ),
        "session_id",
    )
    team = grouped(
        TeamMembership.objects.filter(session_id__in=ids)
        .order_by("id")
        .values(
            "id",
            "session_id",
            "country__iso3",
            "country__name",
            "state",
            "requested_at",
            "decided_at",
            "reason",
        ),
        "session_id",
    )
    iso = datetime_writer()
    return [
        _session(row, cochairs.get(row["id"], ()), team.get(row["id"], ()), iso) for row in rows
    ]


def _session(row, cochairs, team, iso) -> dict:
    code = session_code(row["roundtable__number"], row["number"])
    taken = {c["seat"] for c in cochairs if c["state"] == CoChairState.CONFIRMED}
    open_seats = [seat for seat in SEATS if seat not in taken]
    return {
        "id": row["id"],
        "code": code,
        "edition": row["roundtable__edition_id"],
        "roundtable": row["roundtable_id"],
        "number": row["number"],
        "title": row["title"],
        "theme": row["theme_id"],
        "theme_name": row["theme__name"],
        "description": row["description"],
        "observers_may_submit": row["observers_may_submit"],
        "slot_start": iso(row["slot_start"]),
        "slot_end": iso(row["slot_end"]),
        "room": row["room"],
        "cochairs": [
            {
                "id": c["id"],
                "session": c["session_id"],
                "session_code": code,
                "country": c["country__iso3"],
                "country_name": c["country__name"],
                "state": c["state"],
                "origin": c["origin"],
                "seat": c["seat"],
                "proposed_at": iso(c["proposed_at"]),
                "decided_at": iso(c["decided_at"]),
                "reason": c["reason"],
            }
            for c in cochairs
        ],
        "team": [
            {
                "id": m["id"],
                "session": m["session_id"],
                "session_code": code,
                "country": m["country__iso3"],
                "country_name": m["country__name"],
                "state": m["state"],
                "requested_at": iso(m["requested_at"]),
                "decided_at": iso(m["decided_at"]),
                "reason": m["reason"],
            }
            for m in team
        ],
        "open_seats": open_seats,
        "is_ready": not open_seats,
        "paper": None
        if row["paper__id"] is None
        else {
            "id": row["paper__id"],
            "title": row["paper__title"],
            "state": row["paper__state"],
            "consultation_deadline": iso(row["paper__consultation_deadline"]),
        },
    }


INPUT_COLUMNS = (
    "id",
    "paper_id",
    "paper__session__number",
    "paper__session__roundtable__number",
    "consultation_round",
    "country__iso3",
    "country__name",
    "organisation_id",
    "organisation__name",
    "organisation__acronym",
    "submitted_at",
    "text",
    "evidence",
    "attachment",
    "attachment_name",
    "attachment_size",
    "attachment_checksum",
    "decision",
    "decision_reason",
    "decided_at",
)


def input_values(queryset):
    return queryset.values(*INPUT_COLUMNS)


def inputs(rows) -> list[dict]:
    """InputSerializer's output for rows of `input_values`."""
    iso = datetime_writer()
    return [_input(row, iso) for row in rows]


def _input(row, iso) -> dict:
    if row["country__iso3"] is not None:
        body = row["country__name"]
    elif row["organisation__acronym"]:
        body = f"{row['organisation__name']} ({row['organisation__acronym']})"
    else:
        body = row["organisation__name"]
    return {
        "id": row["id"],
        "paper": row["paper_id"],
        "session_code": (
            session_code(row["paper__session__roundtable__number"], row["paper__session__number"])
        ),
        "consultation_round": row["consultation_round"],
        "country": row["country__iso3"],
        "organisation": row["organisation_id"],
        "body_name": body,
        "submitted_at": iso(row["submitted_at"]),
        "text": row["text"],
        "evidence": row["evidence"],
        "attachment_name": row["attachment_name"],
        "attachment_size": row["attachment_size"],
        "attachment_checksum": row["attachment_checksum"],
        "attachment_url": (
            reverse("roundtables-input-attachment", args=[row["id"]]) if row["attachment"] else None
        ),
        "decision": row["decision"],
        "decision_reason": row["decision_reason"],
        "decided_at": iso(row["decided_at"]),
    }
