"""Badges in the participant's language: the category's name (French, Spanish, English; a
sheet mixing them; the original name where no translation was given). Letters in the
participant's language: test_letters.py."""

import pytest

from registration.services.badges import badge_pdf, badge_sheets_pdf, badges_for_sheets
from tests.registration.test_letters_world import build_world, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    world = build_world()
    world.government.name_fr = "Délégation gouvernementale"
    world.government.name_es = "Delegación gubernamental"
    world.government.save()
    return world


def test_badge_category_in_the_participant_language(world):
    french = world.participant("Amélie Roux", language="fr")
    spanish = world.participant("Bruno Paz", language="es")
    english = world.participant("Carl Stone", language="en-gb")

    assert "Délégation gouvernementale" in pdf_text(badge_pdf(participant=french))
    text = pdf_text(badge_pdf(participant=spanish))
    assert "Delegación gubernamental" in text and "Government delegation" not in text
    text = pdf_text(badge_pdf(participant=english))
    assert "Government delegation" in text and "Délégation" not in text

    sheet = pdf_text(badge_sheets_pdf(badges_for_sheets(world.registration)))
    for name in ("Délégation gouvernementale", "Delegación gubernamental"):
        assert name in sheet
    assert "Government delegation" in sheet


def test_badge_falls_back_to_the_original_name_without_a_translation(world):
    observer = world.participant("Olu Ade", category=world.observer, language="es")
    assert "Observer organisation" in pdf_text(badge_pdf(participant=observer))
