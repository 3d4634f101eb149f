"""The demo: a CSD with a few hundred applications, loaded fast and only once."""

import time
from io import StringIO

import pytest
from django.core.management import call_command

from civil_society.models import Application, CSDEdition, Review
from civil_society.selectors.organisations import duplicate_groups
from civil_society.services.selection import proposal_run
from gfmd.platform.models import ActivityLog
from tests.factories import country

pytestmark = pytest.mark.django_db


def test_demo_loads_a_realistic_csd_quickly_and_once():
    country("DEU")  # the reference countries
    out = StringIO()
    call_command("load_demo", stdout=out)
    started = time.monotonic()
    call_command("load_demo", stdout=out)  # idempotent
    assert time.monotonic() - started < 2

    # GFMD 2020's, and a smaller one for the edition in office (the dashboard's default)
    csd = CSDEdition.objects.get(edition__ordinal=12)
    assert csd.end_date < csd.edition.start_date
    assert CSDEdition.objects.count() == 2
    assert Application.objects.filter(csd_edition=csd).count() == 300
    assert Review.objects.count() > 500
    assert len(duplicate_groups()) >= 3  # near-duplicates for staff to merge
    assert "already loaded" in out.getvalue()

    from django.contrib.auth import get_user_model

    proposal = proposal_run(actor=get_user_model().objects.get(username="staff"), csd_edition=csd)
    assert proposal.entries.filter(outcome="selected").count() == 120
    assert ActivityLog.objects.filter(action="selectionproposal.run").exists()
