"""Roundtables in French and Spanish: service errors, transition and state labels, the admin
board and changelists, exports, the session calendar and the notifications (issue 10).

The existing tests keep asserting English (the default language); these switch language
with `translation.override` (and send `Accept-Language` as well, for when the locale
middleware decides the request's language) and assert the catalogues' texts.
"""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from openpyxl import load_workbook

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.transitions import allowed_transitions
from roundtables.calendar import sessions_calendar
from roundtables.enums import PAPER_TRANSITIONS, CoChairState, PaperState, TeamState
from roundtables.models import CoChair, WorkingPaper
from roundtables.notifications import language_for, render, when
from roundtables.services.cochairs import cochair_confirm
from roundtables.services.inputs import input_submit
from roundtables.services.papers import paper_open_consultation, paper_set_public
from roundtables.services.reminders import remind_open_seats
from tests.factories import country
from tests.roundtables.factories import SessionFactory, set_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.users["staff"])
    return client


def _get(client, url, lang):
    with translation.override(lang):
        return client.get(url, HTTP_ACCEPT_LANGUAGE=lang)


# --- labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,finalise,consultation,requested",
    [
        ("en-gb", "Make final", "In consultation", "Requested"),
        ("fr", "Rendre définitif", "En consultation", "Demandée"),
        ("es", "Dar carácter definitivo", "En consulta", "Solicitada"),
    ],
)
def test_transition_and_state_labels_follow_the_language(
    world, lang, finalise, consultation, requested
):
    set_state(world.paper, PaperState.CONSULTATION)
    with translation.override(lang):
        assert str(PAPER_TRANSITIONS["finalise"].label) == finalise
        assert str(PaperState.CONSULTATION.label) == consultation
        assert str(TeamState.REQUESTED.label) == requested
        assert world.refresh().get_state_display() == consultation
        labels = [str(t.label) for t in allowed_transitions(world.paper)]
        assert finalise in labels
        assert (
            str(WorkingPaper._meta.verbose_name_plural)
            == {
                "en-gb": "working papers",
                "fr": "documents de travail",
                "es": "documentos de trabajo",
            }[lang]
        )


# --- service errors ---------------------------------------------------------------------------


def test_refused_publication_is_explained_in_french_and_spanish(world):
    set_state(world.paper, PaperState.DRAFTING)
    staff = world.users["staff"]
    expected = {
        "fr": "Seul un document de travail définitif ou diffusé peut être publié ; "
        "celui-ci est à l'état « en rédaction ».",
        "es": "Solo se puede publicar un documento de trabajo definitivo o distribuido; "
        "este está en estado «en redacción».",
    }
    for lang, text in expected.items():
        with translation.override(lang), pytest.raises(ConflictError) as refused:
            paper_set_public(actor=staff, paper=world.paper, public=True)
        assert refused.value.detail == text
    world.refresh()
    assert world.paper.is_public is False


def test_seat_clash_names_the_seats_in_the_forum_terms(world):
    """Germany holds the developed seat of RT 1.1: confirming Italy is refused."""
    italy = CoChair.objects.create(
        session=world.session, country=country("ITA"), origin="volunteered"
    )
    with translation.override("fr"), pytest.raises(ConflictError) as fr:
        cochair_confirm(actor=world.users["staff"], cochair=italy)
    with translation.override("es"), pytest.raises(ConflictError) as es:
        cochair_confirm(actor=world.users["staff"], cochair=italy)

    assert "a déjà un co-président confirmé au siège réservé à un pays développé" in str(
        fr.value.detail
    )
    assert "Confirmez le gouvernement d'un pays en développement" in fr.value.detail
    assert "ya tiene un copresidente confirmado en el puesto reservado a un país desarrollado" in (
        es.value.detail
    )
    italy.refresh_from_db()
    assert italy.state == CoChairState.PROPOSED


def test_input_refused_outside_consultation_in_spanish(world):
    with translation.override("es"), pytest.raises(ConflictError) as refused:
        input_submit(actor=world.users["friend"], paper=world.paper, text="Más datos")
    assert refused.value.detail == (
        "El documento de trabajo está en estado «previsto»; solo se reciben aportaciones "
        "durante la consulta."
    )


def test_missing_deadline_is_refused_in_french(world):
    set_state(world.paper, PaperState.DRAFTING)
    with translation.override("fr"), pytest.raises(DomainError) as refused:
        paper_open_consultation(actor=world.users["staff"], paper=world.paper, deadline=None)
    assert (refused.value.detail, refused.value.field) == (
        "Indiquez la date limite de la consultation.",
        "deadline",
    )


def test_api_error_detail_comes_in_the_active_language(world, api):
    set_state(world.paper, PaperState.DRAFTING)
    client = api(world.users["staff"])
    with translation.override("fr"):
        response = client.post(
            f"/api/v1/papers/{world.paper.pk}/publish/", HTTP_ACCEPT_LANGUAGE="fr"
        )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Seul un document de travail définitif")


# --- admin ---------------------------------------------------------------------------------


def test_board_in_french_and_spanish(world, staff_client):
    SessionFactory(roundtable=world.session.roundtable, number=2, title="Diaspora")
    CoChair.objects.create(
        session=world.session.roundtable.sessions.get(number=2),
        country=country("ECU"),
        origin="volunteered",
    )
    url = reverse("admin:roundtables_board", args=[world.edition.pk])

    fr = _get(staff_client, url, "fr").content.decode()
    es = _get(staff_client, url, "es").content.decode()

    assert "Tableau des tables rondes" in fr
    assert "2 session(s), 1 prête(s) (deux sièges pourvus), 2 siège(s) vacant(s)." in fr
    assert "Ecuador (pays en développement, candidature présentée par le gouvernement)" in fr
    assert "Commencer la rédaction" in fr and "examiner les contributions" in fr
    assert ">Siège des pays développés</th>" in fr and ">vacant</b>" in fr
    assert "Cuadro de las mesas redondas" in es
    assert "2 sesión(es), 1 lista(s) (ambos puestos cubiertos), 2 puesto(s) vacante(s)." in es
    assert "Iniciar la redacción" in es and "examinar las aportaciones" in es
    for html in (fr, es):
        assert "Start drafting" not in html and "review inputs" not in html


def test_board_message_after_a_confirmation_in_spanish(world, staff_client):
    session = SessionFactory(roundtable=world.session.roundtable, number=2)
    ecuador = CoChair.objects.create(session=session, country=country("ECU"), origin="volunteered")
    url = reverse("admin:roundtables_board_cochair", args=[world.edition.pk, ecuador.pk, "confirm"])
    with translation.override("es"):
        response = staff_client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="es")
    assert "Ecuador: «confirmar» efectuado para RT 1.2." in response.content.decode()


def test_working_paper_changelist_in_french(world, staff_client):
    html = _get(
        staff_client, reverse("admin:roundtables_workingpaper_changelist"), "fr"
    ).content.decode()
    for label in ("Documents de travail", "Contributions", "Sans décision", "Rendre définitif"):
        assert label in html, label
    assert "Undecided" not in html and "Make final" not in html


def test_review_screen_in_spanish(world, staff_client):
    set_state(world.paper, PaperState.CONSULTATION)
    url = reverse("admin:roundtables_workingpaper_review", args=[world.paper.pk])
    html = _get(staff_client, url, "es").content.decode()
    assert 'de las cuales <b id="undecided-count">0</b> sin decisión.' in html
    assert "Registrar la decisión" not in html  # no inputs yet: no decision forms
    assert "Todavía no hay aportaciones." in html and "Volver al cuadro" in html


# --- exports and calendar ----------------------------------------------------------------------

HEADERS = {
    "fr": ["Session", "Titre de la session", "Siège", "Pays", "ISO3", "État", "Confirmé le"],
    "es": ["Sesión", "Título de la sesión", "Puesto", "País", "ISO3", "Estado", "Confirmado el"],
}


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_cochair_export_headers_and_labels_follow_the_language(world, api, lang):
    client = api(world.users["staff"])
    with translation.override(lang):
        response = client.get("/api/v1/cochairs/export/?file_format=csv", HTTP_ACCEPT_LANGUAGE=lang)
        sheet = load_workbook(
            io.BytesIO(
                client.get(
                    "/api/v1/cochairs/export/?file_format=xlsx", HTTP_ACCEPT_LANGUAGE=lang
                ).content
            )
        ).active
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS[lang]
    assert (
        rows[1][2]
        == {"fr": "Siège des pays développés", "es": "Puesto de los países desarrollados"}[lang]
    )
    assert rows[1][5] == {"fr": "Confirmé", "es": "Confirmado"}[lang]
    assert [c.value for c in next(sheet.iter_rows())] == HEADERS[lang]


def test_admin_export_action_headers_in_french(world, staff_client):
    with translation.override("fr"):
        response = staff_client.post(
            "/admin/roundtables/cochair/",
            {
                "action": "export_csv",
                "_selected_action": [c.pk for c in world.session.cochairs.all()],
            },
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS["fr"]


def test_session_calendar_texts_in_french(world):
    world.session.slot_start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    world.session.save()
    with translation.override("fr"):
        content = sessions_calendar([world.session], "gfmd.test")
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    description = str(event["description"])
    assert str(calendar["x-wr-calname"]) == "Sessions des tables rondes du FMMD"
    assert "Table ronde 1 : " in description and "Co-présidents : Germany, Morocco" in description
    assert "Thème : " in description
    assert [str(c) for c in event["categories"].cats] == ["Table ronde"]


# --- notifications ----------------------------------------------------------------------------


def test_render_takes_the_language_as_a_parameter():
    deadline = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)

    def build():
        return "subject", when(deadline)

    assert render(build, "fr") == ("subject", "5 décembre 2026 12:00 UTC")
    assert render(build, "es") == ("subject", "5 de diciembre de 2026 12:00 UTC")
    with translation.override("en-gb"):
        assert render(build) == ("subject", "5 December 2026 12:00 UTC")


def _recipient_language(user, active: str) -> str:
    """The language a recipient's mail is written in: `language_for(user)` when the languages
    kernel is present and knows one, else the language active when the mail was made."""
    return (language_for(user) or active)[:2]


CONFIRMED = {
    "en": (
        "Co-chair confirmed: RT 1.2",
        "Germany is confirmed as co-chair (developed seat) of GFMD 2020 · RT 1.2",
    ),
    "fr": (
        "Co-président confirmé : RT 1.2",
        "Germany est confirmé comme co-président (siège : pays développé) de GFMD 2020 · RT 1.2",
    ),
    "es": (
        "Copresidente confirmado: RT 1.2",
        "Germany queda confirmado como copresidente (puesto: país desarrollado) "
        "de GFMD 2020 · RT 1.2",
    ),
}


def test_confirmation_email_in_the_recipients_language(world, django_capture_on_commit_callbacks):
    session = SessionFactory(roundtable=world.session.roundtable, number=2)
    proposal = CoChair.objects.create(session=session, country=country("DEU"), origin="nominated")
    with (
        django_capture_on_commit_callbacks(execute=True),
        translation.override("fr"),
    ):
        cochair_confirm(actor=world.users["staff"], cochair=proposal)
    [message] = mail.outbox
    subject, sentence = CONFIRMED[_recipient_language(world.users["cochair"], "fr")]
    assert message.subject == subject
    assert sentence in message.body


OPEN_SEATS = {
    "en": ("Open co-chair seats, 8 weeks before ", "Open: open developed, developing seat"),
    "fr": (
        "Sièges de co-président vacants, 8 semaines avant ",
        "Open : siège vacant (pays développé, pays en développement)",
    ),
    "es": (
        "Puestos de copresidente vacantes, 8 semanas antes de ",
        "Open: puesto vacante (país desarrollado, país en desarrollo)",
    ),
}


def test_open_seats_reminder_in_the_recipients_language(world, django_capture_on_commit_callbacks):
    session = SessionFactory(roundtable=world.session.roundtable, number=2, title="Open")
    with (
        django_capture_on_commit_callbacks(execute=True),
        translation.override("es"),
    ):
        sent = remind_open_seats(weeks_before=8, today=timezone.localdate())
    assert sent == len(mail.outbox) >= 1
    by_address = {m.to[0]: m for m in mail.outbox}
    staff = world.users["staff"]
    message = by_address[staff.email]
    lang = _recipient_language(staff, "es")
    subject, line = OPEN_SEATS[lang]
    assert message.subject.startswith(subject)
    assert f"{session.code} {line}" in message.body
    if lang == "es":  # the Forum's date written the Spanish way: "se inaugura el 11 de enero"
        assert f"se inaugura el {world.edition.start_date.day} de " in message.body
