"""English, French and Spanish (issue 10, the core): the language is the user's saved
preference, then Accept-Language, then English; the admin, the API's errors (DRF's,
Django's and ours), exports, feeds and emails follow it (docs/i18n.md)."""

import csv
import io
import json
from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from icalendar import Calendar
from rest_framework.test import APIClient

from gfmd.enums import AttendanceRole
from gfmd.models import Attendance, Meeting
from gfmd.platform.languages import language_for
from gfmd.platform.models import ActivityLog, Notification, UserPreference
from gfmd.services.clients import partner_client_register
from gfmd.services.meetings import meeting_send_invitations
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    MeetingFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(staff):
    client = Client()
    client.force_login(staff)
    return client


def _prefer(user, language):
    UserPreference.objects.update_or_create(user=user, defaults={"language": language})


# --- the admin ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language,texts",
    [
        ("fr", ["Éditions", "Années", "Présidence(s)", 'lang="fr"']),
        ("es", ["Ediciones", "Años", "Presidencia(s)", 'lang="es"']),
    ],
)
def test_edition_changelist_speaks_the_requested_language(admin_client, language, texts):
    EditionFactory(title="GFMD 2014 Stockholm")
    response = admin_client.get("/admin/gfmd/edition/", HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == language
    for text in texts:
        assert text in page, text
    assert "GFMD 2014 Stockholm" in page  # data stays as entered
    assert ">Years<" not in page


@pytest.mark.parametrize(
    "language,texts",
    [
        ("fr", ["Titre", "Thème", "Date de début", "Dates et lieu", "Troïka (déduite"]),
        ("es", ["Título", "Tema", "Fecha de inicio", "Fechas y lugar", "Troika (derivada"]),
    ],
)
def test_edition_change_page_labels_are_translated(admin_client, language, texts):
    edition = EditionFactory()
    response = admin_client.get(
        f"/admin/gfmd/edition/{edition.pk}/change/", HTTP_ACCEPT_LANGUAGE=language
    )
    page = response.content.decode()
    assert response.status_code == 200
    for text in texts:
        assert text in page, text
    assert "When and where" not in page


def test_admin_dates_follow_the_locale(admin_client):
    MeetingFactory(title="Spring meeting", start_date=date(2021, 3, 4))
    french = admin_client.get("/admin/gfmd/meeting/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = admin_client.get("/admin/gfmd/meeting/").content.decode()
    assert "4 mars 2021" in french
    assert "4 Mar 2021" in english


def test_english_stays_the_default(admin_client):
    response = admin_client.get("/admin/gfmd/edition/")
    assert response["Content-Language"] == "en-gb" and 'lang="en-gb"' in response.content.decode()
    assert "Accept-Language" in response["Vary"]


def test_switcher_in_the_header_saves_the_preference_which_beats_accept_language(
    admin_client, staff
):
    page = admin_client.get("/admin/").content.decode()
    assert 'action="/i18n/setlang/"' in page and 'value="es"' in page

    response = admin_client.post(
        "/i18n/setlang/", {"language": "es", "next": "/admin/gfmd/edition/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/gfmd/edition/"
    assert UserPreference.objects.get(user=staff).language == "es"
    assert ActivityLog.objects.filter(action="preference.language").exists()

    fresh = Client()  # no language cookie: only the saved preference can make it Spanish
    fresh.force_login(staff)
    response = fresh.get("/admin/gfmd/edition/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "es" and "Ediciones" in response.content.decode()


def test_switcher_for_an_anonymous_visitor_sets_the_cookie_only():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/admin/login/"})
    assert response.status_code == 302 and not UserPreference.objects.exists()
    page = client.get("/admin/login/")
    assert page["Content-Language"] == "fr" and 'lang="fr"' in page.content.decode()


def test_a_request_leaves_the_thread_in_the_default_language(admin_client):
    admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr")
    assert translation.get_language() == "en-gb"


# --- the API's errors -----------------------------------------------------------------


@pytest.mark.parametrize(
    "language,detail",
    [
        ("fr", "Informations d'authentification non fournies."),
        ("es", "Las credenciales de autenticación no se proveyeron."),
    ],
)
def test_drf_detail_comes_in_the_requested_language(language, detail):
    response = APIClient().get("/api/v1/activity/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    assert response.json()["detail"] == detail
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    "language,ours,drfs",
    [
        ("fr", "Indiquez une année comprise entre 2007", "Ce champ est obligatoire."),
        ("es", "Indique un año entre 2007", "Este campo es requerido."),
    ],
)
def test_field_messages_ours_and_drfs_are_translated(staff, api, language, ours, drfs):
    response = api(staff).post(
        "/api/v1/editions/",
        {"ordinal": 40, "year_start": 20155, "chairs": ["DEU"]},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    body = response.json()
    assert response.status_code == 400 and body["type"] == "validation_error"
    assert ours in body["fields"]["year_start"][0]
    assert body["fields"]["title"] == [drfs]


def test_domain_error_is_translated(staff, api):
    response = api(staff).post(
        "/api/v1/editions/",
        {"ordinal": 40, "year_start": 2040, "title": "GFMD 2040", "chairs": []},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 400
    assert "au moins un gouvernement assurant la présidence" in response.json()["detail"]


def test_not_found_is_translated(staff, api):
    response = api(staff).get("/api/v1/editions/999999/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404 and response.json()["detail"] == "No encontrado."


def test_request_guard_413_speaks_accept_language(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = Client().generic(
        "POST",
        "/api/v1/organisations/",
        json.dumps({"name": "x" * 20_000}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 413 and response["Content-Language"] == "es"
    assert response.json()["detail"] == (
        "El cuerpo de la solicitud supera el límite de 10000 bytes."
    )


def test_request_guard_nul_message_speaks_accept_language():
    response = Client().get("/api/v1/countries/?search=a%00b", HTTP_ACCEPT_LANGUAGE="fr")
    body = response.json()
    assert response.status_code == 400
    assert body["detail"] == "Le texte ne doit pas contenir de caractère NUL (U+0000)."


# --- the saved preference: GET/PUT /api/v1/me/preferences/ -----------------------------


def _partner_api(staff):
    client, secret = partner_client_register(
        actor=staff, name="Ministry portal", scopes=["read", "write"], country=country("DEU")
    )
    import base64
    from urllib.parse import urlencode

    basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    token = Client().post(
        "/oauth/token/",
        urlencode({"grant_type": "client_credentials"}),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token.json()['access_token']}")
    return api, client.service_user


def test_anonymous_callers_have_no_preferences():
    api = APIClient()
    assert api.get("/api/v1/me/preferences/").status_code == 403
    assert api.put("/api/v1/me/preferences/", {"language": "fr"}).status_code == 403
    assert not UserPreference.objects.exists()


@pytest.mark.parametrize("role", ["staff", "focal_point", "partner"])
def test_every_signed_in_role_reads_and_sets_its_own_language(role, staff, focal_point):
    if role == "partner":
        api, user = _partner_api(staff)
    else:
        user = {"staff": staff, "focal_point": focal_point}[role]
        api = APIClient()
        api.force_login(user)  # a session: the middleware sees the user

    assert api.get("/api/v1/me/preferences/").json() == {
        "language": "en-gb",
        "language_saved": False,
    }
    response = api.put("/api/v1/me/preferences/", {"language": "fr"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"language": "fr", "language_saved": True}
    assert UserPreference.objects.get(user=user).language == "fr"

    # the preference beats Accept-Language: messages, headers
    response = api.get("/api/v1/editions/999999/", HTTP_ACCEPT_LANGUAGE="es")
    assert response["Content-Language"] == "fr"
    assert response.json()["detail"] == "Non trouvé."

    response = api.put("/api/v1/me/preferences/", {"language": "de"}, format="json")
    assert response.status_code == 400 and "language" in response.json()["fields"]
    assert UserPreference.objects.get(user=user).language == "fr"


# --- emails in the recipient's language -----------------------------------------------


def test_language_for_preference_then_focal_point_record_then_english():
    nobody = UserFactory()
    assert language_for(nobody) == "en-gb"
    assert language_for(None) == "en-gb"
    fp = FocalPointFactory(country=country("MAR"), language="fr")
    assert language_for(fp.user) == "fr"
    _prefer(fp.user, "es")
    user = type(fp.user).objects.get(pk=fp.user_id)  # the answer is cached per user object
    assert language_for(user) == "es"


def test_meeting_invitation_is_written_in_each_recipients_language(staff):
    meeting = MeetingFactory(
        title="Steering Group meeting",
        start_date=date(2021, 3, 4),
        end_date=date(2021, 3, 5),
    )
    meeting.agenda_items.create(position=1, title="Roundtable themes")
    for iso3 in ("DEU", "MAR", "ESP"):
        Attendance.objects.create(
            meeting=meeting, country=country(iso3), role=AttendanceRole.MEMBER
        )
    english = FocalPointFactory(country=country("DEU"))
    french = FocalPointFactory(country=country("MAR"), language="fr")
    spanish = FocalPointFactory(country=country("ESP"), language="fr")
    _prefer(spanish.user, "es")  # their own choice beats their record's

    assert meeting_send_invitations(actor=staff, meeting=Meeting.objects.get(pk=meeting.pk)) == 3
    mail = {n.recipient_user_id: n for n in Notification.objects.all()}

    assert mail[english.user_id].subject == "Invitation: Steering Group meeting"
    assert "Agenda:" in mail[english.user_id].body
    assert "4 Mar 2021 to 5 Mar 2021" in mail[english.user_id].body

    assert mail[french.user_id].subject == "Invitation : Steering Group meeting"
    body = mail[french.user_id].body
    assert "Ordre du jour :" in body and "du 4 mars 2021 au 5 mars 2021" in body
    assert "en qualité de « Membre »" in body

    assert mail[spanish.user_id].subject == "Invitación: Steering Group meeting"
    body = mail[spanish.user_id].body
    assert "Orden del día:" in body and "del 4 de marzo de 2021 al 5 de marzo de 2021" in body
    assert "Roundtable themes" in body  # data stays as entered
    assert translation.get_language() == "en-gb"


# --- exports and calendar feeds -------------------------------------------------------


def test_export_headers_follow_accept_language(staff, api):
    meeting = MeetingFactory()
    Attendance.objects.create(
        meeting=meeting, country=country("MAR"), role=AttendanceRole.MEMBER, attended=True
    )
    response = api(staff).get(
        f"/api/v1/attendance/export/?file_format=csv&meeting={meeting.pk}",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Réunion", "Date", "Gouvernement ou organisation", "ISO3", "Rôle", "Présent"]
    assert rows[1][4] == "Membre" and rows[1][5] == "oui"


def test_calendar_feed_follows_the_requested_language(focal_point, api):
    MeetingFactory(title="First Steering Group meeting")
    url = api(focal_point).get("/api/v1/calendar-feeds/").json()["all_meetings"]

    french = Client().get(url, HTTP_ACCEPT_LANGUAGE="fr")
    calendar = Calendar.from_ical(french.content)
    assert french["Content-Language"] == "fr"
    assert str(calendar["x-wr-calname"]) == "Réunions du FMMD"
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]) == "First Steering Group meeting"  # data
    assert str(event["description"]).startswith("Groupe de pilotage")

    spanish = Calendar.from_ical(Client().get(url + "?lang=es").content)
    assert str(spanish["x-wr-calname"]) == "Reuniones del FMMD"

    _prefer(focal_point, "es")  # calendar apps send their own header: the user's choice wins
    saved = Calendar.from_ical(Client().get(url, HTTP_ACCEPT_LANGUAGE="fr").content)
    assert str(saved["x-wr-calname"]) == "Reuniones del FMMD"
