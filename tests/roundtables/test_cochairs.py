"""The co-chair rule: one confirmed developed and one confirmed developing co-chair."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import ActivityLog
from gfmd.services.countries import country_override_development
from roundtables.enums import CoChairOrigin, CoChairState, Seat
from roundtables.models import CoChair
from roundtables.selectors.programme import is_ready, open_seats, seat_overview
from roundtables.services.cochairs import (
    cochair_confirm,
    cochair_decline,
    cochair_propose,
    cochair_replace,
    cochair_withdraw,
)
from tests.factories import StaffFactory, country
from tests.roundtables.factories import (
    CoChairFactory,
    RoundtableFactory,
    SessionFactory,
    confirmed_cochair,
    edition_2020,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return SessionFactory(roundtable=RoundtableFactory(edition=edition_2020()))


def _propose(session, iso3, actor=None):
    return cochair_propose(
        actor=actor, session=session, country=country(iso3), origin=CoChairOrigin.NOMINATED
    )


def test_cochair_confirm_fills_seat_from_development_status(session, staff):
    germany = _propose(session, "DEU")
    morocco = _propose(session, "MAR")

    cochair_confirm(actor=staff, cochair=germany)
    assert not is_ready(session)
    cochair_confirm(actor=staff, cochair=morocco)

    germany.refresh_from_db()
    morocco.refresh_from_db()
    assert (germany.state, germany.seat) == (CoChairState.CONFIRMED, Seat.DEVELOPED)
    assert (morocco.state, morocco.seat) == (CoChairState.CONFIRMED, Seat.DEVELOPING)
    session.refresh_from_db()
    assert is_ready(session) and open_seats(session) == []


def test_cochair_second_developed_confirmation_is_refused(session, staff):
    cochair_confirm(actor=staff, cochair=_propose(session, "DEU"))
    france = _propose(session, "FRA")

    with pytest.raises(ConflictError, match="already has a confirmed developed co-chair"):
        cochair_confirm(actor=staff, cochair=france)

    france.refresh_from_db()
    assert france.state == CoChairState.PROPOSED and france.seat == ""


def test_cochair_second_developing_confirmation_is_refused(session, staff):
    cochair_confirm(actor=staff, cochair=_propose(session, "MAR"))
    with pytest.raises(ConflictError, match="developing"):
        cochair_confirm(actor=staff, cochair=_propose(session, "ECU"))


def test_cochair_seat_follows_override_at_confirmation_time(session, staff):
    korea = country("KOR")
    assert korea.development_default == "developing"
    country_override_development(
        actor=staff, country=korea, status="developed", reason="OECD DAC member"
    )
    cochair_confirm(actor=staff, cochair=_propose(session, "MAR"))

    confirmed = cochair_confirm(actor=staff, cochair=_propose(session, "KOR"))

    assert confirmed.seat == Seat.DEVELOPED
    # A later change of the policy does not move a confirmed seat.
    country_override_development(actor=staff, country=korea, status="", reason="")
    confirmed.refresh_from_db()
    assert confirmed.seat == Seat.DEVELOPED
    entry = ActivityLog.objects.filter(action="cochair.confirm").order_by("-id").first()
    assert entry.data["development_override"] == "developed"


def test_cochair_override_can_block_a_seat(session, staff):
    cochair_confirm(actor=staff, cochair=_propose(session, "DEU"))
    country_override_development(
        actor=staff, country=country("KOR"), status="developed", reason="OECD DAC member"
    )
    with pytest.raises(ConflictError, match="KOR|Korea|developed"):
        cochair_confirm(actor=staff, cochair=_propose(session, "KOR"))


def test_cochair_database_constraint_refuses_second_confirmed_seat(session):
    confirmed_cochair(session, "DEU")
    with (
        pytest.raises(IntegrityError, match="cochair_one_confirmed_per_seat"),
        transaction.atomic(),
    ):
        CoChair.objects.create(
            session=session,
            country=country("FRA"),
            origin=CoChairOrigin.NOMINATED,
            state=CoChairState.CONFIRMED,
            seat=Seat.DEVELOPED,
        )


def test_cochair_database_constraint_requires_seat_when_confirmed(session):
    with pytest.raises(IntegrityError, match="cochair_confirmed_has_seat"), transaction.atomic():
        CoChairFactory(session=session, state=CoChairState.CONFIRMED, seat="")


def test_cochair_same_country_cannot_be_proposed_twice(session):
    _propose(session, "DEU")
    with pytest.raises(ConflictError, match="already proposed"):
        _propose(session, "DEU")
    with pytest.raises(IntegrityError, match="cochair_country_active_once"), transaction.atomic():
        CoChairFactory(session=session, country=country("DEU"))


def test_cochair_non_state_cannot_be_proposed(session):
    with pytest.raises(DomainError, match="not a state"):
        _propose(session, "PRI")  # Puerto Rico: an area, not a state


def test_cochair_withdraw_opens_seat_and_replacement_fills_it(session, staff):
    germany = cochair_confirm(actor=staff, cochair=_propose(session, "DEU"))
    france = _propose(session, "FRA")

    with pytest.raises(DomainError, match="reason"):
        cochair_withdraw(actor=staff, cochair=germany, reason=" ")
    replaced = cochair_replace(
        actor=staff, cochair=germany, replacement=france, reason="Change of government"
    )

    germany.refresh_from_db()
    assert germany.state == CoChairState.WITHDRAWN and germany.seat == Seat.DEVELOPED
    assert replaced.state == CoChairState.CONFIRMED and replaced.seat == Seat.DEVELOPED
    assert germany.reason == "Change of government"


def test_cochair_transitions_are_audited_with_from_to_and_reason(session, staff):
    proposal = _propose(session, "DEU", actor=staff)
    cochair_decline(actor=staff, cochair=proposal, reason="Already co-chairs two sessions")

    entries = list(
        ActivityLog.objects.filter(object_id=str(proposal.pk), action__startswith="cochair.")
        .order_by("id")
        .values_list("action", "actor_label", "data")
    )
    assert [e[0] for e in entries] == ["cochair.propose", "cochair.decline"]
    assert entries[1][1] == staff.username
    assert entries[1][2]["from"] == "proposed" and entries[1][2]["to"] == "declined"
    assert entries[1][2]["reason"] == "Already co-chairs two sessions"


@pytest.mark.parametrize(
    "state, name",
    [
        (CoChairState.CONFIRMED, "confirm"),
        (CoChairState.DECLINED, "confirm"),
        (CoChairState.WITHDRAWN, "confirm"),
        (CoChairState.CONFIRMED, "decline"),
        (CoChairState.DECLINED, "withdraw"),
        (CoChairState.WITHDRAWN, "withdraw"),
    ],
)
def test_cochair_forbidden_transitions_conflict(session, staff, state, name):
    cochair = CoChairFactory(
        session=session, state=state, seat=Seat.DEVELOPED if state != "declined" else ""
    )
    service = {
        "confirm": cochair_confirm,
        "decline": cochair_decline,
        "withdraw": cochair_withdraw,
    }[name]
    with pytest.raises(ConflictError, match="Cannot"):
        service(actor=staff, cochair=cochair, reason="x")


def test_seat_overview_lists_open_seats_and_flags_multi_session_cochairs(staff):
    edition = edition_2020()
    rt = RoundtableFactory(edition=edition, number=1)
    one = SessionFactory(roundtable=rt, number=1)
    two = SessionFactory(roundtable=rt, number=2)
    confirmed_cochair(one, "DEU")
    confirmed_cochair(one, "MAR")
    confirmed_cochair(two, "DEU")

    overview = seat_overview(edition)

    assert [(s.code, seat) for s, seat in overview.open_seats] == [("RT 1.2", "developing")]
    assert [(c.iso3, [s.code for s in found]) for c, found in overview.multi_session_cochairs] == [
        ("DEU", ["RT 1.1", "RT 1.2"])
    ]
    assert overview.ready_count == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_cochair_two_racing_confirmations_only_one_succeeds():
    """Two threads, two connections, one seat: exactly one confirmation commits."""
    staff = StaffFactory()
    session = SessionFactory(roundtable=RoundtableFactory(edition=edition_2020()))
    germany = _propose(session, "DEU")
    france = _propose(session, "FRA")
    barrier = threading.Barrier(2)
    results = {}

    def confirm(cochair):
        try:
            barrier.wait(timeout=10)
            cochair_confirm(actor=staff, cochair=cochair)
            results[cochair.country.iso3] = "ok"
        except (ConflictError, IntegrityError) as exc:
            results[cochair.country.iso3] = type(exc).__name__
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(c,)) for c in (germany, france)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == ["ConflictError", "ok"]
    assert CoChair.objects.filter(session=session, state=CoChairState.CONFIRMED).count() == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_cochair_racing_writers_without_the_lock_hit_the_database_constraint():
    """Even writers that skip the service's lock cannot both commit a developed seat."""
    session = SessionFactory(roundtable=RoundtableFactory(edition=edition_2020()))
    rows = [CoChairFactory(session=session, country=country(c)) for c in ("DEU", "FRA")]
    barrier = threading.Barrier(2)
    results = []

    def confirm_raw(cochair):
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                CoChair.objects.filter(pk=cochair.pk).update(
                    state=CoChairState.CONFIRMED, seat=Seat.DEVELOPED
                )
            results.append("ok")
        except IntegrityError as exc:
            results.append("cochair_one_confirmed_per_seat" in str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm_raw, args=(c,)) for c in rows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results, key=str) == sorted(["ok", True], key=str)


def test_cochair_confirm_api_conflict_is_409_naming_the_holder(session, staff, api):
    cochair_confirm(actor=staff, cochair=_propose(session, "DEU"))
    france = _propose(session, "FRA")

    response = api(staff).post(f"/api/v1/cochairs/{france.pk}/confirm/", {}, format="json")

    assert response.status_code == 409
    body = response.json()
    assert body["type"] == "seat_taken"
    assert "already has a confirmed developed co-chair (Germany)" in body["detail"]
    assert "Confirm a developing government" in body["detail"]
