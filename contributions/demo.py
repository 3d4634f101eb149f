"""Demo data: the Chair's cycle around Colombia's chairmanship and its contributions.

From the public record: France chaired 2022-2023; Colombia's chairmanship began on
1 April 2024 (its candidature endorsed by the Steering Group and confirmed). The later
candidature, the Steering Group meeting's decision text, the amounts, the rates and the
carry-over are ILLUSTRATIVE demo values, labelled as such in their notes. Idempotent:
nothing happens when Colombia's budget exists.
"""

from datetime import date
from decimal import Decimal

from contributions.models import Budget, BudgetLine, CarryOver, ExchangeRate, Pledge, Receipt
from gfmd.enums import DecisionOutcome, MeetingBody
from gfmd.models import (
    AgendaItem,
    Candidature,
    Country,
    Edition,
    EditionChair,
    Meeting,
    MeetingDecision,
    Organisation,
)
from gfmd.platform.services.records import record_save
from gfmd.services import candidatures as chair
from gfmd.services.editions import edition_save

ILLUSTRATIVE = "Illustrative demo value, not from the public record."


def _edition(staff, ordinal, years, title, chairs):
    found = Edition.objects.filter(ordinal=ordinal).first()
    if found:
        return found
    return edition_save(
        actor=staff,
        edition=Edition(ordinal=ordinal, year_start=years[0], year_end=years[1], title=title),
        chairs=chairs,
    )


def load(stdout) -> None:
    from django.contrib.auth import get_user_model

    from gfmd.demo import STAFF_USERNAME

    staff = get_user_model().objects.filter(username=STAFF_USERNAME).first()
    if staff is None or not Edition.objects.filter(ordinal=12).exists():
        return
    countries = {
        c.iso3: c
        for c in Country.objects.filter(iso3__in=["FRA", "COL", "DEU", "CHE", "MAR", "PHL"])
    }
    france = _edition(staff, 13, (2022, 2023), "GFMD 2022-2023 (France)", [])
    colombia = _edition(staff, 14, (2024, None), "GFMD 2024 (Colombia)", [])
    future = _edition(staff, 15, (2025, 2026), "GFMD 2025-2026", [])
    if Budget.objects.filter(edition=colombia).exists():
        stdout.write("Contributions demo data already loaded.")
        return

    previous = Edition.objects.get(ordinal=12)
    fra_endorsement = _decision(
        staff,
        previous,
        date(2021, 3, 1),
        "The Steering Group endorses France's offer to chair the GFMD in 2022-2023.",
        countries,
    )
    endorsement = _decision(
        staff,
        france,
        date(2023, 10, 2),
        "The Steering Group endorses Colombia's offer to chair the GFMD from 1 April 2024.",
        countries,
    )
    # France in office on dates from 2022 (the start date is illustrative), then Colombia.
    fra = chair.candidature_offer(
        actor=staff,
        edition=france,
        country=countries["FRA"],
        offered_on=date(2021, 1, 15),
        note=ILLUSTRATIVE,
    )
    chair.candidature_consider(actor=staff, candidature=fra)
    chair.candidature_endorse(actor=staff, candidature=fra, decision=fra_endorsement)
    chair.candidature_confirm(actor=staff, candidature=fra)
    chair.candidature_take_office(actor=staff, candidature=fra, on=date(2022, 1, 1))

    col = chair.candidature_offer(
        actor=staff, edition=colombia, country=countries["COL"], offered_on=date(2023, 6, 1)
    )
    chair.candidature_consider(actor=staff, candidature=col)
    chair.candidature_endorse(actor=staff, candidature=col, decision=endorsement)
    chair.candidature_confirm(actor=staff, candidature=col)
    chair.chairmanship_hand_over(
        actor=staff, outgoing=france, incoming=colombia, on=date(2024, 4, 1)
    )

    later = chair.candidature_offer(
        actor=staff,
        edition=future,
        country=countries["PHL"],
        offered_on=date(2024, 10, 1),
        note=ILLUSTRATIVE,
    )
    chair.candidature_consider(actor=staff, candidature=later)

    _ledger(staff, france, colombia, countries)
    stdout.write("Contributions demo: Colombia's chairmanship from 1 April 2024 and its ledger.")


def _decision(staff, edition, on, text, countries):
    meeting = record_save(
        actor=staff,
        instance=Meeting(
            edition=edition,
            body=MeetingBody.STEERING_GROUP,
            title="Steering Group meeting (the next Chair)",
            start_date=on,
            city="Geneva",
            country=countries["CHE"],
            notes=ILLUSTRATIVE + " (date and wording)",
        ),
    )
    item = record_save(
        actor=staff, instance=AgendaItem(meeting=meeting, position=1, title="The next Chair")
    )
    return record_save(
        actor=staff,
        instance=MeetingDecision(
            agenda_item=item, text=text, decided_on=on, outcome=DecisionOutcome.ENDORSED
        ),
    )


def _ledger(staff, france, colombia, countries):
    budget = record_save(
        actor=staff, instance=Budget(edition=colombia, currency="USD", note=ILLUSTRATIVE)
    )
    for line, amount, own in (
        ("preparatory_work", "250000", "150000"),
        ("support_unit", "400000", "0"),
        ("summit", "900000", "600000"),
    ):
        record_save(
            actor=staff,
            instance=BudgetLine(
                budget=budget, line=line, amount=Decimal(amount), chair_covers=Decimal(own)
            ),
        )
    pledging = record_save(
        actor=staff,
        instance=Meeting(
            edition=colombia,
            body=MeetingBody.FRIENDS_OF_THE_FORUM,
            title="Friends of the Forum (pledging)",
            start_date=date(2024, 5, 15),
            city="Geneva",
            country=countries["CHE"],
        ),
    )
    germany = record_save(
        actor=staff,
        instance=Pledge(
            edition=colombia,
            country=countries["DEU"],
            kind="cash",
            currency="USD",
            amount=Decimal("150000"),
            pledged_on=date(2024, 5, 15),
            pledging_meeting=pledging,
            description=ILLUSTRATIVE,
        ),
    )
    record_save(
        actor=staff,
        instance=Pledge(
            edition=colombia,
            country=countries["CHE"],
            kind="cash",
            currency="CHF",
            amount=Decimal("80000"),
            earmarked=True,
            earmark="Support Unit",
            pledged_on=date(2024, 5, 15),
            pledging_meeting=pledging,
            description=ILLUSTRATIVE,
        ),
    )
    iom = Organisation.objects.filter(acronym="IOM").first()
    record_save(
        actor=staff,
        instance=Pledge(
            edition=colombia,
            organisation=iom,
            country=None if iom else countries["MAR"],
            kind="in_kind",
            in_kind_type="secondment",
            currency="USD",
            value_estimate=Decimal("60000"),
            pledged_on=date(2024, 6, 1),
            description=ILLUSTRATIVE,
        ),
    )
    record_save(
        actor=staff,
        instance=Receipt(
            edition=colombia,
            country=countries["DEU"],
            kind="cash",
            currency="USD",
            amount=Decimal("100000"),
            received_on=date(2024, 7, 1),
            pledge=germany,
            description=ILLUSTRATIVE,
        ),
    )
    record_save(
        actor=staff,
        instance=CarryOver(
            from_edition=france,
            to_edition=colombia,
            currency="EUR",
            amount=Decimal("45000"),
            on=date(2024, 4, 1),
            note=ILLUSTRATIVE,
        ),
    )
    for currency, rate in (("CHF", "1.13"), ("EUR", "1.08")):
        record_save(
            actor=staff,
            instance=ExchangeRate(
                edition=colombia,
                currency=currency,
                target_currency="USD",
                rate=Decimal(rate),
                as_of=date(2024, 6, 30),
                source=ILLUSTRATIVE,
            ),
        )
    assert not EditionChair.objects.filter(edition=colombia, term_start__isnull=True).exists()
    assert Candidature.objects.filter(edition=colombia, state="in_office").exists()
