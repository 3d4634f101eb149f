"""The Civil Society Days in French and Spanish: service errors, selection explanations, the
admin's review screen and lists, sector labels, export headers and decision emails.

Each request is made under `translation.override` and with the same `Accept-Language`, so the
tests hold with or without the language middleware. The catalogues are compiled by
`make messages` (compilemessages)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from civil_society.enums import DelegateStatus, Sector
from civil_society.models import ProposalEntry
from civil_society.services.delegates import delegate_notify_decision
from civil_society.services.selection import proposal_run
from gfmd.platform.errors import DomainError
from gfmd.platform.models import Notification
from tests.civil_society.factories import candidate

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "es"]


def _reason(proposal, name):
    return ProposalEntry.objects.get(proposal=proposal, delegate__full_name=name).reason


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("fr", "Définissez d'abord les règles de sélection de ces Journées de la société civile."),
        ("es", "Defina primero la política de selección de estos Días de la Sociedad Civil."),
        ("en-gb", "Set the selection policy of these Civil Society Days first."),
    ],
)
def test_a_service_error_comes_in_the_active_language(csd, staff, lang, expected):
    with translation.override(lang), pytest.raises(DomainError) as raised:
        proposal_run(actor=staff, csd_edition=csd)
    assert raised.value.detail == expected


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("fr", "Définissez d'abord les règles de sélection"),
        ("es", "Defina primero la política de selección"),
    ],
)
def test_the_api_answers_a_domain_error_in_the_requested_language(csd, staff, api, lang, expected):
    with translation.override(lang):
        response = api(staff).post(
            f"/api/v1/csd/editions/{csd.pk}/run-selection/", HTTP_ACCEPT_LANGUAGE=lang
        )
    assert response.status_code == 400
    assert response.json()["detail"].startswith(expected)


@pytest.mark.parametrize(
    "lang,merit,waitlisted,ineligible",
    [
        (
            "fr",
            "Sélectionné(e) au mérite. Rang 1, moyenne de 9,00 sur 1 évaluation(s).",
            "Inscrit(e) sur la liste d'attente en position 1 : les 1 places ont été attribuées",
            "Pas encore admissible : 0 évaluation(s) sur les 1 requise(s).",
        ),
        (
            "es",
            "Seleccionado(a) por méritos. Puesto 1, media de 9,00 sobre 1 evaluación(es).",
            "En lista de espera en la posición 1: las 1 plazas se asignaron",
            "Aún no admisible: 0 de las 1 evaluación(es) requerida(s).",
        ),
    ],
)
def test_selection_explanations_are_written_in_the_active_language(
    csd, policy, reviewer, staff, lang, merit, waitlisted, ineligible
):
    policy.places, policy.waitlist_size = 1, 1
    policy.save()
    candidate(csd, score=9, reviewers=[reviewer], full_name="Top")
    candidate(csd, score=5, reviewers=[reviewer], full_name="Next")
    candidate(csd, full_name="Unreviewed")

    with translation.override(lang):
        proposal = proposal_run(actor=staff, csd_edition=csd)

    assert _reason(proposal, "Top") == merit
    assert _reason(proposal, "Next").startswith(waitlisted)
    assert _reason(proposal, "Unreviewed") == ineligible


@pytest.mark.parametrize(
    "lang,texts",
    [
        ("fr", ["Règles de sélection", "Aucune proposition pour l'instant.", "Écran d'évaluation"]),
        (
            "es",
            ["Política de selección", "Aún no hay ninguna propuesta.", "Pantalla de evaluación"],
        ),
    ],
)
def test_the_review_screen_is_translated(csd, reviewer, staff, client, lang, texts):
    candidate(csd, score=8, reviewers=[reviewer], sector=Sector.TRADE_UNION)
    client.force_login(staff)

    with translation.override(lang):
        page = client.get(
            reverse("admin:civil_society_csdedition_review", args=[csd.pk]),
            HTTP_ACCEPT_LANGUAGE=lang,
        ).content.decode()

    for text in texts:
        assert text in page
    assert {"fr": "Syndicat", "es": "Sindicato"}[lang] in page
    assert "No proposal yet." not in page and "Selection policy" not in page


@pytest.mark.parametrize(
    "lang,headers",
    [
        ("fr", ["Secteur", "Note moyenne", "Candidatures"]),
        ("es", ["Sector", "Puntuación media", "Solicitudes"]),
    ],
)
def test_the_application_changelist_labels_are_translated(csd, staff, client, lang, headers):
    candidate(csd)
    client.force_login(staff)

    with translation.override(lang):
        page = client.get(
            reverse("admin:civil_society_application_changelist"), HTTP_ACCEPT_LANGUAGE=lang
        ).content.decode()

    for header in headers:
        assert header in page
    assert "Average score" not in page


@pytest.mark.parametrize(
    "lang,labels",
    [
        ("fr", {Sector.TRADE_UNION: "Syndicat", Sector.ACADEMIA: "Milieu universitaire"}),
        ("es", {Sector.TRADE_UNION: "Sindicato", Sector.ACADEMIA: "Mundo académico"}),
        ("en-gb", {Sector.TRADE_UNION: "Trade union", Sector.ACADEMIA: "Academia"}),
    ],
)
def test_sector_labels_follow_the_language(lang, labels):
    with translation.override(lang):
        assert {sector: str(sector.label) for sector in labels} == labels
        assert dict(Sector.choices)[Sector.TRADE_UNION] == labels[Sector.TRADE_UNION]


@pytest.fixture
def selected(csd):
    delegate = candidate(csd, sector=Sector.TRADE_UNION, full_name="Ana Silva", gender="female")
    delegate.status = DelegateStatus.SELECTED
    delegate.save()
    return delegate


HEADERS = {
    "fr": [
        "Nom",
        "Courriel",
        "Organisation",
        "Secteur",
        "Pays",
        "ISO3",
        "Région",
        "Dirigée par des migrants",
        "Dirigée par la diaspora",
        "Genre",
    ],
    "es": [
        "Nombre",
        "Correo electrónico",
        "Organización",
        "Sector",
        "País",
        "ISO3",
        "Región",
        "Dirigida por migrantes",
        "Dirigida por la diáspora",
        "Género",
    ],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_export_headers_and_labels_follow_the_language(selected, staff, api, lang):
    with translation.override(lang):
        csv_response = api(staff).get(
            "/api/v1/csd/delegates/export/?file_format=csv", HTTP_ACCEPT_LANGUAGE=lang
        )
        xlsx_response = api(staff).get(
            "/api/v1/csd/delegates/export/?file_format=xlsx", HTTP_ACCEPT_LANGUAGE=lang
        )

    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS[lang]
    assert rows[1][3] == {"fr": "Syndicat", "es": "Sindicato"}[lang]
    assert rows[1][9] == {"fr": "Femme", "es": "Mujer"}[lang]
    sheet = load_workbook(io.BytesIO(xlsx_response.content), read_only=True).active
    assert list(next(sheet.iter_rows(values_only=True))) == HEADERS[lang]


@pytest.mark.parametrize(
    "lang,subject,signature",
    [
        ("fr", "Sélection : Ana Silva, ", "L'Unité d'appui du FMMD"),
        ("es", "Selección: Ana Silva, ", "La Unidad de Apoyo del FMMD"),
    ],
)
def test_the_decision_email_is_rendered_in_the_given_language(selected, lang, subject, signature):
    assert delegate_notify_decision(
        delegate_id=selected.pk, status=DelegateStatus.SELECTED, language=lang
    )

    notification = Notification.objects.get(key=f"csd-decision:{selected.pk}:selected")
    assert notification.subject == subject + selected.csd_edition.title
    assert notification.body.endswith(signature)
    assert translation.get_language() in ("en-gb", "en")  # the override did not leak
