"""The session calendar (iCalendar, parsed back) and co-chair exports (API and admin)."""

import csv
import io
from datetime import UTC, datetime

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from gfmd.platform.calendar import feed_token
from roundtables.models import CoChair
from tests.factories import EditionFactory, country
from tests.roundtables.factories import RoundtableFactory, SessionFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
END = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)


@pytest.fixture
def slotted(world):
    """RT 1.1 has a slot; RT 1.2 has none; another edition's session has a slot."""
    session = world.session
    session.slot_start, session.slot_end, session.room = START, END, "Hall B"
    session.save()
    SessionFactory(roundtable=world.session.roundtable, number=2)
    other = SessionFactory(roundtable=RoundtableFactory(edition=EditionFactory(ordinal=3)))
    other.slot_start = START
    other.save()
    return world


def _events(content: bytes):
    return Calendar.from_ical(content).walk("VEVENT")


def test_session_calendar_parses_as_icalendar(slotted, api):
    world = slotted
    response = api(world.users["friend"]).get(
        f"/api/v1/sessions/calendar.ics/?edition={world.edition.pk}"
    )
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    [event] = _events(response.content)
    assert str(event["summary"]) == f"RT 1.1: {world.session.title}"
    assert event.decoded("dtstart") == START and event.decoded("dtend") == END
    assert str(event["location"]) == "Hall B"
    assert "Co-chairs: Germany, Morocco" in str(event["description"])
    assert str(event["uid"]).startswith(f"rt-session-{world.session.pk}@")
    assert "roundtables-feeds/" in response["Link"]


def test_session_calendar_without_edition_lists_every_slotted_session(slotted, api):
    response = api(slotted.users["staff"]).get("/api/v1/sessions/calendar.ics/")
    assert len(_events(response.content)) == 2


def test_session_calendar_refuses_bad_edition_and_callers_without_rights(slotted, api):
    world = slotted
    assert (
        api(world.users["staff"]).get("/api/v1/sessions/calendar.ics/?edition=x").status_code == 400
    )
    assert api(world.users["outsider"]).get("/api/v1/sessions/calendar.ics/").status_code == 403
    assert api().get("/api/v1/sessions/calendar.ics/").status_code == 403


def test_session_calendar_accepts_text_calendar(slotted, api):
    response = api(slotted.users["staff"]).get(
        "/api/v1/sessions/calendar.ics/", HTTP_ACCEPT="text/calendar"
    )
    assert response.status_code == 200 and len(_events(response.content)) == 2


def test_token_feed_shows_what_the_user_may_see(slotted, client):
    world = slotted
    url = f"/api/v1/roundtables-feeds/{feed_token(world.users['cochair'])}/sessions.ics"
    response = client.get(f"{url}?edition={world.edition.pk}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert [str(e["summary"]) for e in _events(response.content)] == [
        f"RT 1.1: {world.session.title}"
    ]
    outsider = f"/api/v1/roundtables-feeds/{feed_token(world.users['outsider'])}/sessions.ics"
    assert _events(client.get(outsider).content) == []
    assert client.get("/api/v1/roundtables-feeds/forged/sessions.ics").status_code == 404
    assert client.get(f"{url}?edition=x").status_code == 404
    world.users["cochair"].is_active = False
    world.users["cochair"].save()
    assert client.get(url).status_code == 404


# --- co-chair exports ---------------------------------------------------------------------

HEADER = ["Session", "Session title", "Seat", "Country", "ISO3", "State", "Confirmed at"]


def test_api_cochair_export_csv_and_xlsx(world, api):
    CoChair.objects.create(session=world.session, country=country("ITA"), origin="volunteered")
    client = api(world.users["staff"])

    response = client.get(
        f"/api/v1/cochairs/export/?file_format=csv&session__roundtable__edition={world.edition.pk}"
    )
    assert response.status_code == 200 and "cochairs-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert [(r[0], r[4], r[5]) for r in rows[1:]] == [
        ("RT 1.1", "DEU", "Confirmed"),
        ("RT 1.1", "MAR", "Confirmed"),
        ("RT 1.1", "ITA", "Proposed"),
    ]
    assert rows[1][2] == "Developed-country seat" and rows[3][2] == "" and rows[3][6] == ""

    response = client.get("/api/v1/cochairs/export/?file_format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in next(sheet.iter_rows())] == HEADER
    assert sheet.max_row == 4
    assert client.get("/api/v1/cochairs/export/?file_format=pdf").status_code == 400


def test_api_cochair_export_permissions(world, api):
    assert api(world.users["bystander"]).get("/api/v1/cochairs/export/").status_code == 200
    assert api(world.users["outsider"]).get("/api/v1/cochairs/export/").status_code == 403
    assert api().get("/api/v1/cochairs/export/").status_code == 403


def test_admin_cochair_export_action(world, client):
    client.force_login(world.users["staff"])
    confirmed = CoChair.objects.filter(session=world.session).order_by("id")
    confirmed.update(decided_at=START)
    response = client.post(
        "/admin/roundtables/cochair/",
        {"action": "export_xlsx", "_selected_action": [c.pk for c in confirmed]},
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == HEADER
    assert [sheet.cell(row=r, column=5).value for r in (2, 3)] == ["DEU", "MAR"]
    assert sheet.cell(row=2, column=7).value.startswith("2026-12-01T09:00")

    response = client.post(
        "/admin/roundtables/cochair/",
        {"action": "export_csv", "_selected_action": [confirmed[0].pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:5] == [
        "RT 1.1",
        world.session.title,
        "Developed-country seat",
        "Germany",
        "DEU",
    ]
