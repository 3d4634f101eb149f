"""The admin names third-party apps and the troika's seats in the request's language
(found by the browser walk, tests/gfmd/test_browser_languages.py)."""

import pytest

from gfmd.models import Edition
from gfmd.services.editions import edition_save
from tests.factories import country

pytestmark = pytest.mark.django_db

EXPECTED = {
    "en-gb": ["Login attempts", "TOTP devices", "Two-factor authentication: recovery codes"],
    "fr": [
        "Tentatives de connexion",
        "Dispositifs TOTP",
        "Authentification à deux facteurs : codes de secours",
    ],
    "es": [
        "Intentos de inicio de sesión",
        "Dispositivos TOTP",
        "Autenticación de dos factores: códigos de recuperación",
    ],
}


@pytest.mark.parametrize("language", ["en-gb", "fr", "es"])
def test_admin_index_names_third_party_apps_in_the_language(client, staff, language):
    client.force_login(staff)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for text in EXPECTED[language]:
        assert text in html
    for english in ("Otp_Static", "Otp_Totp", ">Axes<", "Static devices"):
        assert english not in html


@pytest.mark.parametrize(
    ("language", "seats"),
    [
        ("en-gb", ["<th>Seat</th>", "Past", "Present", "Future"]),
        ("fr", ["<th>Siège</th>", "Présidence sortante", "Présidence en exercice"]),
        ("es", ["<th>Puesto</th>", "Presidencia saliente", "Presidencia entrante"]),
    ],
)
def test_troika_seats_in_the_language(client, staff, language, seats):
    edition_save(
        actor=staff,
        edition=Edition(ordinal=1, year_start=2007, title="GFMD 2007"),
        chairs=[country("BEL")],
    )
    latest = edition_save(
        actor=staff,
        edition=Edition(ordinal=2, year_start=2008, title="GFMD 2008"),
        chairs=[country("PHL")],
    )
    client.force_login(staff)
    html = client.get(
        f"/admin/gfmd/edition/{latest.pk}/change/", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    for text in seats:
        assert text in html
