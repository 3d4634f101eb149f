"""iCalendar feeds parsed back with `icalendar`; CSV/XLSX exports from admin and API."""

import csv
import io
from datetime import date

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from gfmd.enums import AttendanceRole, MeetingBody
from gfmd.models import AgendaItem, Attendance
from tests.factories import FocalPointFactory, MeetingFactory, country

pytestmark = pytest.mark.django_db


def _feed_url(api, user, key="all_meetings"):
    response = api(user).get("/api/v1/calendar-feeds/")
    assert response.status_code == 200
    return response.json()[key].replace("http://testserver", "")


def test_meetings_feed_parses_as_icalendar(focal_point, api, client):
    meeting = MeetingFactory(
        title="First Steering Group meeting",
        start_date=date(2020, 2, 11),
        end_date=date(2020, 2, 12),
        city="Geneva",
        country=country("CHE"),
    )
    AgendaItem.objects.create(meeting=meeting, position=1, title="Roundtable themes")
    MeetingFactory(
        body=MeetingBody.FRIENDS_OF_THE_FORUM,
        title="Friends meeting",
        is_virtual=True,
        city="",
        virtual_link="https://meet.example.org/x",
    )

    response = client.get(_feed_url(api, focal_point))

    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"First Steering Group meeting", "Friends meeting"}
    sg = events["First Steering Group meeting"]
    assert sg.decoded("dtstart") == date(2020, 2, 11)
    assert sg.decoded("dtend") == date(2020, 2, 13)  # exclusive end: an all-day event
    assert str(sg["location"]) == "Geneva, Switzerland"
    assert "Roundtable themes" in str(sg["description"])
    assert str(sg["uid"]).startswith(f"meeting-{meeting.pk}@")
    assert str(events["Friends meeting"]["location"]) == "https://meet.example.org/x"


def test_feed_list_offers_roundtable_sessions(focal_point, api):
    feeds = api(focal_point).get("/api/v1/calendar-feeds/").json()
    assert "/roundtables-feeds/" in feeds["roundtable_sessions"]


def test_feed_filters_by_body_and_edition(focal_point, api, client):
    sg = MeetingFactory(body=MeetingBody.STEERING_GROUP)
    MeetingFactory(body=MeetingBody.TROIKA, title="Troika")
    url = _feed_url(api, focal_point, "steering_group_meetings")
    titles = [str(e["summary"]) for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")]
    assert titles == [sg.title]
    url = _feed_url(api, focal_point) + f"?edition={sg.edition_id}"
    assert len(Calendar.from_ical(client.get(url).content).walk("VEVENT")) == 1


def test_feed_with_bad_token_or_inactive_user_is_404(focal_point, api, client):
    url = _feed_url(api, focal_point)
    assert client.get(url.replace("/feeds/", "/feeds/x")).status_code == 404
    focal_point.is_active = False
    focal_point.save()
    assert client.get(url).status_code == 404


def test_feed_of_user_without_rights_is_empty(outsider, api, client):
    MeetingFactory()
    from gfmd.platform.calendar import feed_token

    response = client.get(f"/feeds/{feed_token(outsider)}/meetings.ics")
    assert Calendar.from_ical(response.content).walk("VEVENT") == []


def test_api_export_csv_and_xlsx(staff, api):
    meeting = MeetingFactory()
    Attendance.objects.create(meeting=meeting, country=country("DEU"), role=AttendanceRole.MEMBER)
    Attendance.objects.create(
        meeting=meeting, country=country("MAR"), role=AttendanceRole.MEMBER, attended=True
    )
    client = api(staff)

    response = client.get(f"/api/v1/attendance/export/?file_format=csv&meeting={meeting.pk}")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Meeting", "Date", "Government or organisation", "ISO3", "Role", "Attended"]
    assert [r[3] for r in rows[1:]] == ["DEU", "MAR"] and rows[2][5] == "yes"

    response = client.get("/api/v1/attendance/export/?file_format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in next(sheet.iter_rows())][:3] == [
        "Meeting",
        "Date",
        "Government or organisation",
    ]
    assert sheet.max_row == 3

    assert client.get("/api/v1/attendance/export/?file_format=pdf").status_code == 400


def test_export_permissions(focal_point, outsider, api):
    assert api(focal_point).get("/api/v1/focal-points/export/").status_code == 200
    assert api(outsider).get("/api/v1/focal-points/export/").status_code == 403
    assert api().get("/api/v1/friends-of-the-forum/export/").status_code == 403


def test_export_neutralises_formula_cells(staff, api):
    FocalPointFactory(country=country("DEU"), user__first_name="=HYPERLINK(1)", user__last_name="x")
    response = api(staff).get("/api/v1/focal-points/export/?file_format=csv")
    assert "'=HYPERLINK(1) x" in response.content.decode("utf-8-sig")


def test_admin_export_action(client, staff):
    client.force_login(staff)
    fp = FocalPointFactory(country=country("ECU"))
    response = client.post(
        "/admin/gfmd/focalpoint/", {"action": "export_xlsx", "_selected_action": [fp.pk]}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=4).value == "ECU"


def test_feed_token_expires_after_its_lifetime(focal_point, api, client, settings):
    import time

    from django.core import signing

    settings.GFMD_FEED_TOKEN_DAYS = 30
    url = _feed_url(api, focal_point)
    assert client.get(url).status_code == 200
    assert "expires_at" in api(focal_point).get("/api/v1/calendar-feeds/").json()
    token = url.split("/feeds/")[1].split("/")[0]
    data = signing.loads(token, salt="gfmd.platform.calendar-feed")

    class SignedLongAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 31 * 86400)

    stale = SignedLongAgo(salt="gfmd.platform.calendar-feed").sign_object(data, compress=True)
    assert client.get(f"/feeds/{stale}/meetings.ics").status_code == 404
    settings.GFMD_FEED_TOKEN_DAYS = 60
    assert client.get(f"/feeds/{stale}/meetings.ics").status_code == 200


def test_user_revokes_own_feeds_and_gets_new_urls(focal_point, api, client):
    old = _feed_url(api, focal_point)
    old_sessions = _feed_url(api, focal_point, "roundtable_sessions")
    response = api(focal_point).post("/api/v1/calendar-feeds/revoke/")
    assert response.status_code == 200
    new = response.json()["all_meetings"].replace("http://testserver", "")
    assert client.get(old).status_code == 404
    assert client.get(old_sessions).status_code == 404
    assert client.get(new).status_code == 200


def test_staff_revoke_a_users_feeds_in_the_admin(focal_point, staff, api, client):
    url = _feed_url(api, focal_point)
    client.force_login(staff)
    response = client.post(
        "/admin/auth/user/",
        {"action": "revoke_calendar_feeds", "_selected_action": [focal_point.pk]},
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(url).status_code == 404
