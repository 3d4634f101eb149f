"""The IMRF fixture: three editions in the period, one before it, known tagged content."""

from types import SimpleNamespace

import pytest

from outcomes.enums import Addressee, FollowUpStatus
from outcomes.registry import subject_for
from outcomes.services.recommendations import followup_record, recommendation_create
from outcomes.services.tagging import optout_record, tags_set
from roundtables.enums import PaperState
from tests.factories import EditionFactory, StaffFactory, country
from tests.outcomes.factories import policy_on
from tests.roundtables.factories import SessionFactory, add_input, set_state


@pytest.fixture
def imrf(db):
    """GFMD 2018 (outside the period), 2019, 2020, 2021. Objective 20 (remittances):
    two final papers (2019, 2021), inputs from Mexico and France (France opted out for
    2020), a government recommendation of 2019 followed up in 2020 and 2021 (Mexico), and one
    of 2018 (also tagged 6) followed up in 2020 (Mexico) and 2021 (France). Objective 6:
    one final paper of 2018 only (outside the period)."""
    staff = StaffFactory()
    e18, e19, e20, e21 = (EditionFactory(year_start=y) for y in (2018, 2019, 2020, 2021))
    for edition in (e18, e19, e20, e21):
        policy_on(edition)
    session = subject_for("session")

    def final_session(edition, objectives):
        s = SessionFactory(roundtable__edition=edition)
        set_state(s.paper, PaperState.FINAL)
        tags_set(actor=staff, subject=session, obj=s, objectives=objectives)
        return s

    s18 = final_session(e18, [6])
    s19 = final_session(e19, [20])
    s20 = SessionFactory(roundtable__edition=e20)  # drafting: not a finding
    tags_set(actor=staff, subject=session, obj=s20, objectives=[20])
    s21 = final_session(e21, [20, 1])
    inputs = {
        "mex20": add_input(s20.paper, country=country("MEX")),
        "fra20": add_input(s20.paper, country=country("FRA")),
        "fra21": add_input(s21.paper, country=country("FRA")),
    }
    for item in inputs.values():
        tags_set(actor=staff, subject=subject_for("input"), obj=item, objectives=[20])
    optout_record(actor=staff, country=country("FRA"), edition=e20, reason="Not endorsed")
    rec19 = recommendation_create(
        actor=staff,
        edition=e19,
        session=s19,
        addressed_to=Addressee.GOVERNMENTS,
        title="Lower remittance costs",
        text="Bring remittance costs below 3 per cent.",
    )
    rec18 = recommendation_create(
        actor=staff,
        edition=e18,
        session=s18,
        addressed_to=Addressee.FORUM,
        title="Fair recruitment",
        text="Map recruitment fees.",
    )
    for rec, objectives in ((rec19, [20]), (rec18, [20, 6])):
        tags_set(actor=staff, subject=subject_for("recommendation"), obj=rec, objectives=objectives)
    followup_record(
        actor=staff,
        recommendation=rec19,
        edition=e20,
        status=FollowUpStatus.IN_PROGRESS,
        reporting_country=country("MEX"),
    )
    followup_record(
        actor=staff,
        recommendation=rec19,
        edition=e21,
        status=FollowUpStatus.IMPLEMENTED,
        reporting_country=country("MEX"),
    )
    followup_record(
        actor=staff,
        recommendation=rec18,
        edition=e20,
        status=FollowUpStatus.IN_PROGRESS,
        reporting_country=country("MEX"),
    )
    followup_record(
        actor=staff,
        recommendation=rec18,
        edition=e21,
        status=FollowUpStatus.SUPERSEDED,
        reporting_country=country("FRA"),
    )
    return SimpleNamespace(
        staff=staff,
        editions=(e18, e19, e20, e21),
        sessions=(s18, s19, s20, s21),
        inputs=inputs,
        recommendations=(rec18, rec19),
    )
