"""Seed the registration benchmark (issue 11) into the database at DATABASE_URL: a Summit
open for registration (government delegations, head + 10 per government, 2,000 seats in
all), 150 partner clients (one per state, registrations:read/write) and a staff session.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gfmd_bench_reg python seed.py OUT.json
"""

import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.utils import timezone  # noqa: E402

from gfmd.enums import MeetingBody  # noqa: E402
from gfmd.models import Country, Edition, FocalPoint, Meeting  # noqa: E402
from gfmd.platform.roles import SUPPORT_UNIT_GROUP  # noqa: E402
from gfmd.services.clients import partner_client_register  # noqa: E402
from registration.enums import CategoryKind, QuotaScope  # noqa: E402
from registration.models import ParticipantCategory, Quota, Registration  # noqa: E402

CLIENTS = 150


def main(out_path: str) -> None:
    User = get_user_model()
    staff = User(username="bench-staff", email="staff@bench.invalid", is_staff=True)
    staff.is_superuser = True
    staff.set_unusable_password()
    staff.save()
    staff.groups.add(Group.objects.get_or_create(name=SUPPORT_UNIT_GROUP)[0])
    states = list(Country.objects.filter(un_status="member").order_by("iso3")[:CLIENTS])
    assert len(states) == CLIENTS, f"only {len(states)} states in the database"
    edition = Edition.objects.create(
        ordinal=99,
        year_start=2031,
        title="GFMD 2031",
        theme="Bench",
        start_date=date(2031, 11, 20),
        end_date=date(2031, 11, 22),
        venue_city="Geneva",
        venue_country=Country.objects.get(iso3="CHE"),
    )
    meeting = Meeting.objects.create(
        edition=edition,
        body=MeetingBody.FORUM,
        title="GFMD Summit 2031 (bench)",
        start_date=edition.start_date,
        end_date=edition.end_date,
        city="Geneva",
        country=edition.venue_country,
    )
    now = timezone.now()
    registration = Registration.objects.create(
        meeting=meeting,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
        late_change_deadline=now + timedelta(days=40),
    )
    category = ParticipantCategory.objects.create(
        registration=registration,
        code="gov",
        name="Government delegation",
        name_fr="Délégation gouvernementale",
        name_es="Delegación gubernamental",
        kind=CategoryKind.GOVERNMENT,
    )
    Quota.objects.create(
        category=category, scope=QuotaScope.PER_DELEGATION, seats=10, plus_head_of_delegation=True
    )
    Quota.objects.create(category=category, scope=QuotaScope.OVERALL, seats=2000)
    clients = []
    for state in states:
        client, secret = partner_client_register(
            actor=staff,
            name=f"{state.iso3} registration portal",
            scopes=["registrations:read", "registrations:write"],
            country=state,
        )
        clients.append({"iso3": state.iso3, "id": client.application.client_id, "secret": secret})
    FocalPoint.objects.update(start_date=date(2000, 1, 1))
    sessions = []
    for _ in range(11):  # one per scanner, one for the admin timing
        session = SessionStore()
        session["_auth_user_id"] = str(staff.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = staff.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)
    info = {
        "registration": registration.pk,
        "category": category.pk,
        "clients": clients,
        "sessions": sessions,
    }
    Path(out_path).write_text(json.dumps(info))
    print(f"seeded: registration {registration.pk}, {len(clients)} partner clients")


if __name__ == "__main__":
    main(sys.argv[1])
