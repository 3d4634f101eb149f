"""Badge sheets for a registration made by a real Celery worker over Redis, with progress."""

import io

import pypdf
import pytest

from registration.models import BadgeBatch, BatchState
from registration.services.badges import badge_batch_start
from tests.conftest import wait_for
from tests.factories import StaffFactory
from tests.registration.test_letters_world import build_world

pytestmark = [pytest.mark.slow]


def test_worker_makes_the_sheets_and_counts_progress(celery_worker):
    staff = StaffFactory()
    world = build_world(templates=False)
    for i in range(9):
        world.participant(f"Delegate {i}")
    batch = badge_batch_start(actor=staff, registration=world.registration)  # commits

    wait_for(lambda: BadgeBatch.objects.get(pk=batch.pk).state == BatchState.DONE, timeout=120)
    batch.refresh_from_db()
    assert (batch.done, batch.total) == (9, 9) and batch.finished_at is not None
    with batch.file.open("rb") as handle:
        assert len(pypdf.PdfReader(io.BytesIO(handle.read())).pages) == 2
