"""Seed the benchmark volume into the database at DATABASE_URL (bulk inserts, no audit rows).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gfmd_bench python benchmarks/seed.py OUT.json

Volume (issue 6): all 193 states (from the migration's M49 list), 20 editions, 200
roundtable sessions each with a paper of 20 versions, 20,000 inputs with decisions, 3,000
civil-society organisations, 10,000 CSD applications with delegates and reviews, 500
meetings with attendance. Rows respect the models' database constraints. Writes the ids
and credentials the load scripts need to OUT.json (a scratch file, never committed).
"""

import hashlib
import io
import json
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gfmd.config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from civil_society.enums import LedCheck, Sector  # noqa: E402
from civil_society.models import (  # noqa: E402
    AdvisoryCommitteeMember,
    Application,
    CivilSocietyOrganisation,
    CSDEdition,
    Delegate,
    Review,
)
from civil_society.models.organisations import normalise_name  # noqa: E402
from gfmd.enums import (  # noqa: E402
    AttendanceRole,
    DevelopmentStatus,
    FocalPointRole,
    MeetingBody,
    OrganisationKind,
)
from gfmd.models import (  # noqa: E402
    Attendance,
    BalancePolicy,
    Country,
    Edition,
    EditionChair,
    FocalPoint,
    Meeting,
    Organisation,
    SteeringGroupMembership,
)
from gfmd.platform.roles import SUPPORT_UNIT_GROUP  # noqa: E402
from gfmd.services.clients import partner_client_register  # noqa: E402
from roundtables.enums import (  # noqa: E402
    CoChairOrigin,
    CoChairState,
    Decision,
    PaperState,
    Seat,
    TeamState,
    VersionKind,
)
from roundtables.models import (  # noqa: E402
    CoChair,
    Input,
    PaperVersion,
    Roundtable,
    Session,
    TeamMembership,
    Theme,
    WorkingPaper,
)

EDITIONS = 20
SESSIONS_PER_EDITION = 10  # 200 sessions
VERSIONS_PER_PAPER = 20
INPUTS = 20_000
CSOS = 3_000
APPLICATIONS = 10_000
REVIEWS_PER_APPLICATION = 3
REVIEWERS_PER_EDITION = 8
MEETINGS = 500
ATTENDANCE_PER_MEETING = 20
BATCH = 5_000
STAFF_PASSWORD = "bench-staff-2026"

rng = random.Random(2026)
T0 = time.monotonic()


def step(message: str) -> None:
    print(f"[seed {time.monotonic() - T0:6.1f}s] {message}", flush=True)


def bulk(model, rows, label: str):
    created = model.objects.bulk_create(rows, batch_size=BATCH)
    step(f"{label}: {len(created):,} rows")
    return created


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def main(out_path: str) -> None:
    User = get_user_model()
    states = list(Country.objects.filter(un_status__in=["member", "observer_state"]))
    members = [c for c in states if c.un_status == "member"]
    step(f"countries present: {Country.objects.count()} ({len(members)} UN member states)")
    developed = [c for c in members if c.development_status == DevelopmentStatus.DEVELOPED]
    developing = [c for c in members if c.development_status == DevelopmentStatus.DEVELOPING]

    # --- people --------------------------------------------------------------------------
    group, _ = Group.objects.get_or_create(name=SUPPORT_UNIT_GROUP)
    staff = User(username="bench-staff", email="staff@bench.invalid", is_staff=True)
    staff.is_superuser = True
    staff.set_password(STAFF_PASSWORD)
    staff.save()
    staff.groups.add(group)
    step("staff user bench-staff (superuser, Support Unit)")

    # --- editions, chairs, Steering Group, balance policy ---------------------------------
    editions = bulk(
        Edition,
        [
            Edition(
                ordinal=i,
                year_start=2006 + i,
                title=f"GFMD {2006 + i}",
                theme=f"Theme of the {i}th Forum",
                start_date=date(2006 + i, 11, 20),
                end_date=date(2006 + i, 11, 22),
                venue_city=f"City {i}",
                venue_country=members[i * 7 % len(members)],
            )
            for i in range(1, EDITIONS + 1)
        ],
        "editions",
    )
    chair_of = {e.pk: members[(i * 11 + 3) % len(members)] for i, e in enumerate(editions)}
    bulk(
        EditionChair, [EditionChair(edition_id=e, country=c) for e, c in chair_of.items()], "chairs"
    )
    steering = developed[:14] + developing[:16]
    bulk(
        SteeringGroupMembership,
        [SteeringGroupMembership(country=c, start_date=date(2007, 1, 1)) for c in steering],
        "Steering Group terms",
    )
    BalancePolicy.objects.create(
        effective_from=date(2007, 1, 1), required_regions=["Africa", "Americas", "Asia", "Europe"]
    )

    # --- programme: themes, roundtables, sessions, co-chairs, teams ----------------------
    themes = bulk(Theme, [Theme(name=f"Theme {i}", description="") for i in range(12)], "themes")
    roundtables = bulk(
        Roundtable,
        [
            Roundtable(edition=e, number=n, title=f"Roundtable {n} of {e.title}")
            for e in editions
            for n in (1, 2, 3)
        ],
        "roundtables",
    )
    sessions = []
    per_rt = (4, 3, 3)
    for rt in roundtables:
        for n in range(1, per_rt[rt.number - 1] + 1):
            sessions.append(
                Session(
                    roundtable=rt,
                    number=n,
                    title=f"Session {rt.number}.{n}: partnerships for migration and development",
                    theme=themes[(rt.pk + n) % len(themes)],
                    description="Background, objectives and guiding questions. " * 3,
                    slot_start=datetime(2026, 11, 21, 9, tzinfo=UTC) + timedelta(hours=n),
                    slot_end=datetime(2026, 11, 21, 10, tzinfo=UTC) + timedelta(hours=n),
                    room=f"Room {n}",
                )
            )
    sessions = bulk(Session, sessions, "sessions")
    now = datetime.now(UTC)
    cochairs, team = [], []
    for i, s in enumerate(sessions):
        cochairs.append(
            CoChair(
                session=s,
                country=developed[i % len(developed)],
                state=CoChairState.CONFIRMED,
                origin=CoChairOrigin.VOLUNTEERED,
                seat=Seat.DEVELOPED,
                decided_at=now,
            )
        )
        cochairs.append(
            CoChair(
                session=s,
                country=developing[i % len(developing)],
                state=CoChairState.CONFIRMED,
                origin=CoChairOrigin.NOMINATED,
                seat=Seat.DEVELOPING,
                decided_at=now,
            )
        )
        for k in range(3):
            team.append(
                TeamMembership(
                    session=s,
                    country=members[(i * 5 + k * 37 + 1) % len(members)],
                    state=TeamState.ACCEPTED,
                    decided_at=now,
                )
            )
    bulk(CoChair, cochairs, "co-chairs")
    bulk(TeamMembership, team, "team memberships")

    # --- papers, versions, inputs ---------------------------------------------------------
    # The last edition is in consultation (writes go there); earlier ones are final.
    last_edition = editions[-1]
    papers = bulk(
        WorkingPaper,
        [
            WorkingPaper(
                session=s,
                edition_id=s.roundtable.edition_id,
                title=f"Working paper {s.code} ({s.roundtable.edition.title})",
                state=PaperState.CONSULTATION,
                state_changed_at=now,
                consultation_deadline=datetime(2099, 1, 1, tzinfo=UTC),
                consultation_round=1,
            )
            for s in sessions
        ],
        "working papers",
    )
    paragraph = (
        "Labour mobility partnerships should protect migrant workers' rights, recognise "
        "skills and lower recruitment costs. "
    )
    versions = bulk(
        PaperVersion,
        [
            PaperVersion(
                paper=p,
                number=n,
                kind=VersionKind.TEXT,
                text=(paragraph * 4 + f"\nRevision {n}.\n") * 3,
                checksum=sha(f"{p.pk}:{n}"),
                note=f"Revision {n}",
                author=staff,
            )
            for p in papers
            for n in range(1, VERSIONS_PER_PAPER + 1)
        ],
        "paper versions",
    )
    last_version = {v.paper_id: v for v in versions if v.number == VERSIONS_PER_PAPER}
    decisions = list(Decision.values)
    inputs_per_paper = INPUTS // len(papers)
    inputs = []
    for p in papers:
        for k in range(inputs_per_paper):
            decision = decisions[k % 3]
            inputs.append(
                Input(
                    paper=p,
                    consultation_round=1,
                    country=members[(p.pk * 3 + k) % len(members)],
                    text=f"Input {k} on {p.title}: " + paragraph * 2,
                    evidence="https://example.org/report.pdf",
                    decision=decision,
                    decision_reason=f"Decided {decision} by the co-chairs.",
                    decided_by=staff,
                    decided_at=now,
                )
            )
    bulk(Input, inputs, "inputs (all decided)")
    final = [p for p in papers if p.session.roundtable.edition_id != last_edition.pk]
    for p in final:
        p.state = PaperState.FINAL
        p.final_version = last_version[p.pk]
    WorkingPaper.objects.bulk_update(final, ["state", "final_version"], batch_size=BATCH)
    step(f"papers of editions 1-{EDITIONS - 1} made final ({len(final)})")

    # --- organisations, civil society -----------------------------------------------------
    sectors = list(Sector.values)
    orgs = bulk(
        Organisation,
        [
            Organisation(
                name=f"Civil Society Organisation {i:04d}",
                acronym=f"CSO{i}",
                kind=OrganisationKind.CIVIL_SOCIETY,
                headquarters=members[i % len(members)],
                website=f"https://cso{i}.example.org",
            )
            for i in range(CSOS)
        ],
        "organisations",
    )
    csos = []
    for i, o in enumerate(orgs):
        led = i % 4 == 0
        csos.append(
            CivilSocietyOrganisation(
                organisation=o,
                sector=sectors[i % len(sectors)],
                migrant_led=led,
                led_check=LedCheck.PENDING if led else LedCheck.NOT_DECLARED,
                normalised_name=normalise_name(o.name),
                website_domain=f"cso{i}.example.org",
            )
        )
    csos = bulk(CivilSocietyOrganisation, csos, "civil-society profiles")
    csd_editions = bulk(
        CSDEdition,
        [
            CSDEdition(
                edition=e,
                title=f"Civil Society Days {e.year_start}",
                start_date=e.start_date - timedelta(days=3),
                end_date=e.start_date - timedelta(days=2),
                city=e.venue_city,
                forum_start_date=e.start_date,
            )
            for e in editions
        ],
        "CSD editions",
    )
    reviewers = bulk(
        User,
        [
            User(username=f"reviewer{k}", email=f"reviewer{k}@bench.invalid", last_name=f"R{k}")
            for k in range(REVIEWERS_PER_EDITION)
        ],
        "reviewer users",
    )
    committee = bulk(
        AdvisoryCommitteeMember,
        [
            AdvisoryCommitteeMember(
                csd_edition=c,
                user=u,
                organisation=orgs[k],  # reviewers come from the first eight organisations
                term_start=c.edition.start_date - timedelta(days=365),
            )
            for c in csd_editions
            for k, u in enumerate(reviewers)
        ],
        "advisory committee members",
    )
    committee_of = {}
    for m in committee:
        committee_of.setdefault(m.csd_edition_id, []).append(m)
    per_edition = APPLICATIONS // len(csd_editions)
    applications = []
    for e_index, c in enumerate(csd_editions):
        for k in range(per_edition):
            cso = csos[(e_index * 137 + k) % len(csos)]
            applications.append(
                Application(
                    csd_edition=c,
                    organisation=cso,
                    motivation="We work with migrant domestic workers in three countries. " * 3,
                    contact_email=f"apply{k}@cso.example.org",
                    submitted_at=now - timedelta(minutes=e_index * 1000 + k),
                )
            )
    applications = bulk(Application, applications, "applications")
    delegates, reviews = [], []
    for a in applications:
        delegates.append(
            Delegate(
                application=a,
                csd_edition_id=a.csd_edition_id,
                full_name=f"Delegate of application {a.pk}",
                email=f"delegate{a.pk}@cso.example.org",
                country=members[a.pk % len(members)],
                expertise="Labour migration",
            )
        )
        candidates = [
            m
            for m in committee_of[a.csd_edition_id]
            if m.organisation_id != a.organisation.organisation_id
        ]
        for m in rng.sample(candidates, REVIEWS_PER_APPLICATION):
            reviews.append(
                Review(
                    application=a,
                    reviewer=m,
                    reviewer_organisation_id=m.organisation_id,
                    applicant_organisation_id=a.organisation.organisation_id,
                    score=rng.randint(0, 10),
                    comment="Clear motivation; strong links with migrant communities.",
                )
            )
    bulk(Delegate, delegates, "delegates")
    bulk(Review, reviews, "reviews")

    # --- meetings and attendance ----------------------------------------------------------
    # a working-group meeting must name its working group (a constraint); the seed has none
    bodies = [b for b in MeetingBody.values if b != MeetingBody.WORKING_GROUP]
    meetings = bulk(
        Meeting,
        [
            Meeting(
                edition=editions[i % len(editions)],
                body=bodies[i % len(bodies)],
                title=f"Meeting {i}",
                start_date=date(2007 + i % EDITIONS, 1 + i % 12, 1 + i % 28),
                city=f"City {i % 40}",
            )
            for i in range(MEETINGS)
        ],
        "meetings",
    )
    attendance = []
    for i, m in enumerate(meetings):
        for k in range(ATTENDANCE_PER_MEETING):
            attendance.append(
                Attendance(
                    meeting=m,
                    country=members[(i + k * 9) % len(members)],
                    role=AttendanceRole.MEMBER if k % 4 else AttendanceRole.OBSERVER,
                    attended=bool(k % 3),
                )
            )
    bulk(Attendance, attendance, "attendance")

    # --- the partner client that writes (the last edition's chair government) -------------
    chair = chair_of[last_edition.pk]
    client, secret = partner_client_register(
        actor=staff,
        name="Bench ministry portal",
        scopes=["read", "write", "inputs:submit"],
        country=chair,
        contact_email="portal@bench.invalid",
    )
    FocalPoint.objects.filter(user=client.service_user).update(start_date=date(2000, 1, 1))
    FocalPoint.objects.create(
        user=staff, country=chair, role=FocalPointRole.FOCAL_POINT, start_date=date(2000, 1, 1)
    )
    session = SessionStore()
    session["_auth_user_id"] = str(staff.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = staff.get_session_auth_hash()
    session.create()

    # The Platform for Partnerships' published practices (the practice search bench).
    call_command("seed_practices", count=5000, stdout=io.StringIO())
    step("5000 practices")

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    step("ANALYZE")

    last_papers = [p.pk for p in papers if p.session.roundtable.edition_id == last_edition.pk]
    decide_inputs = list(
        Input.objects.filter(paper_id__in=last_papers).order_by("id").values_list("id", flat=True)
    )
    sample_paper = last_papers[0]
    info = {
        "staff_username": "bench-staff",
        "staff_password": STAFF_PASSWORD,
        "staff_session": session.session_key,
        "client_id": client.application.client_id,
        "client_secret": secret,
        "edition": last_edition.pk,
        "csd_edition": csd_editions[-1].pk,
        "session": sessions[-1].pk,
        "paper": sample_paper,
        "consultation_papers": last_papers,
        "decide_inputs": decide_inputs,
        "meeting": meetings[0].pk,
        "application": applications[-1].pk,
    }
    Path(out_path).write_text(json.dumps(info, indent=1))
    step(f"done; ids and credentials in {out_path}")


if __name__ == "__main__":
    with transaction.atomic():
        main(sys.argv[1] if len(sys.argv) > 1 else "var/bench/seed.json")
