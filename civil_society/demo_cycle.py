"""Demo Civil Society Days for the edition in office (the cycle dashboard's default):
applications from organisations of the 2020 demo, two thirds reviewed, a selection policy
and a proposed selection against its sector minimums. Bulk rows like civil_society/demo.py;
the proposal runs through the service. Idempotent: stops when the edition has its CSD."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from civil_society.enums import CommitteeRole
from civil_society.models import (
    AdvisoryCommitteeMember,
    Application,
    CivilSocietyOrganisation,
    CSDEdition,
    Delegate,
    Review,
    SelectionPolicy,
)
from civil_society.services.selection import proposal_run
from gfmd.demo import STAFF_USERNAME

APPLICATIONS = 36
REVIEWERS = ("csd.chair", "csd.reviewer1", "csd.reviewer2", "csd.reviewer3")


def load_cycle(edition, stdout) -> None:
    if CSDEdition.objects.filter(edition=edition).exists():
        return
    User = get_user_model()
    users = list(User.objects.filter(username__in=REVIEWERS).order_by("username"))
    profiles = list(CivilSocietyOrganisation.objects.select_related("organisation").order_by("id"))
    if len(users) < 2 or len(profiles) < APPLICATIONS + len(users):
        return  # the 2020 CSD demo (organisations, committee accounts) is not loaded
    rng = random.Random(edition.ordinal)
    start = timezone.localdate() + timedelta(days=45)
    csd = CSDEdition.objects.create(
        edition=edition,
        title=f"Civil Society Days {edition.year_start}",
        start_date=start,
        end_date=start + timedelta(days=1),
        city="Bogotá",
        forum_start_date=start + timedelta(days=3),
    )
    # Reviewers sit for the organisations at the end of the list (no conflict of interest).
    committee = AdvisoryCommitteeMember.objects.bulk_create(
        AdvisoryCommitteeMember(
            csd_edition=csd,
            user=user,
            organisation=profiles[-1 - index].organisation,
            role=CommitteeRole.CHAIR if index == 0 else CommitteeRole.MEMBER,
            term_start=date(edition.year_start, 1, 1),
        )
        for index, user in enumerate(users)
    )
    applications = Application.objects.bulk_create(
        Application(
            csd_edition=csd,
            organisation=profile,
            motivation=f"{profile.organisation.name} brings its members' experience.",
            contact_email=f"cycle{index}@example.org",
            submitted_at=timezone.now() - timedelta(days=30 - index % 30),
        )
        for index, profile in enumerate(profiles[:APPLICATIONS])
    )
    Delegate.objects.bulk_create(
        Delegate(
            application=app,
            csd_edition=csd,
            position=1,
            full_name=f"Delegate {index + 1} of {app.organisation.organisation.name}"[:200],
            email=f"cycle.delegate{index}@example.org",
            country=app.organisation.organisation.headquarters,
        )
        for index, app in enumerate(applications)
        if app.organisation.organisation.headquarters_id
    )
    Review.objects.bulk_create(
        Review(
            application=app,
            reviewer=member,
            reviewer_organisation_id=member.organisation_id,
            applicant_organisation_id=app.organisation.organisation_id,
            score=rng.randint(4, 10),
        )
        for index, app in enumerate(applications)
        if index % 3  # a third still waits for its reviews
        for member in rng.sample(committee, 2)
    )
    SelectionPolicy.objects.create(
        csd_edition=csd,
        places=14,
        waitlist_size=4,
        sector_minimums={"development": 3, "migrant_diaspora": 4, "trade_union": 2},
        sector_min_shares={},
        min_per_region=1,
        max_per_organisation=1,
        min_reviews=2,
        note="Demo policy of the edition in office.",
    )
    proposal_run(actor=User.objects.get(username=STAFF_USERNAME), csd_edition=csd)
