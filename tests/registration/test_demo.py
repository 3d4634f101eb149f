"""The registration demo: the Summit with nominations in every state, two visa letters
(French and English, one re-issued) and a batch of badge sheets; loaded once."""

import io

import pytest

from gfmd import demo as gfmd_demo
from registration import demo as registration_demo
from registration.models import BadgeBatch, BatchState, VisaLetter
from tests.registration.test_letters_world import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_demo_issues_letters_and_badge_sheets_once(django_capture_on_commit_callbacks):
    out = io.StringIO()
    gfmd_demo.load(out)
    with django_capture_on_commit_callbacks(execute=True):
        registration_demo.load(out)
    registration_demo.load(out)  # idempotent
    assert "already loaded" in out.getvalue()

    letters = VisaLetter.objects.order_by("sequence")
    assert [(letter.language, bool(letter.reason)) for letter in letters] == [
        ("fr", False),
        ("en-gb", False),
        ("en-gb", True),
    ]
    assert "A09876543" in pdf_text(letters[2].file.read())
    batch = BadgeBatch.objects.get()
    assert batch.state == BatchState.DONE and batch.done == batch.total > 0
    assert "Aisha Bello" in pdf_text(batch.file.read())
