"""The cycle dashboard on the admin index (gfmd/platform/dashboard.py): its numbers, their
links and definitions, its charts' text tables, its languages, and a fixed query count."""

import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils.translation import override

from contributions.models import Pledge, Receipt
from gfmd.platform import charts
from gfmd.services.editions import edition_set_chairs
from registration.enums import ParticipantState, QuotaScope
from registration.models import Quota
from roundtables.enums import PaperState
from roundtables.services.translations import version_translations_request
from tests.civil_society.factories import CommitteeMemberFactory, CSDEditionFactory, candidate
from tests.factories import EditionFactory, MeetingFactory, country
from tests.registration.factories import CategoryFactory, ParticipantFactory, RegistrationFactory
from tests.roundtables.factories import SessionFactory, add_input, set_state


def _dashboard(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("admin:index"), params)
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('id="cycle-dashboard"')[1].split("</section>")[0]


def _panel(section: str, key: str) -> str:
    return section.split(f'data-panel="{key}"')[1].split("</article>")[0]


def test_panels_count_the_cycle_and_state_their_definitions(world, client):
    set_state(world.paper, PaperState.CONSULTATION)
    add_input(world.paper, country=world.session.cochairs.first().country)
    section = _dashboard(client, world.users["staff"], edition=world.edition.pk)
    seats = _panel(section, "seats")
    assert "2 / 2" in seats  # RT 1.1: Germany and Morocco confirmed
    assert "<svg" in seats and "<td>RT 1</td><td>2</td><td>2</td>" in seats.replace("\n", "")
    inputs = _panel(section, "inputs")
    assert re.search(r'gfmd-figure-value">1<', inputs)
    assert 'title="Inputs to this edition' in inputs  # the stated definition, on hover
    assert "How these are counted" in inputs
    assert "United Arab Emirates" in _panel(section, "troika")


def test_every_figure_links_to_a_list_that_accepts_its_filters(world, client):
    set_state(world.paper, PaperState.DRAFTING)
    section = _dashboard(client, world.users["staff"], edition=world.edition.pk)
    links = {unescape(u) for u in re.findall(r'href="([^"]+)"', section)}
    assert any("/roundtables/workingpaper/?state__exact=drafting" in u for u in links)
    for url in links:
        response = client.get(url)
        # the admin answers an unknown filter with a redirect to ?e=1
        assert response.status_code == 200, url


def test_recent_activity_reads_in_plain_words(world, client):
    staff = world.users["staff"]
    chairs = [country("ARE"), country("BEL")]
    edition_set_chairs(actor=staff, edition=world.edition, chairs=chairs)
    activity = _panel(_dashboard(client, staff, edition=world.edition.pk), "activity")
    assert "Chairs set" in activity and "edition.set_chairs" not in activity


def test_the_dashboard_speaks_french(world, client):
    staff = world.users["staff"]
    client.force_login(staff)
    html = client.get(
        reverse("admin:index"), {"edition": world.edition.pk}, HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Sièges de co-présidence" in html and "Comment ces chiffres sont comptés" in html


def _volume(world, n: int) -> None:
    """n of everything each panel counts: editions in the balance history, sessions with
    papers in consultation, inputs and translations; CSD applications with reviews;
    participants against a quota; pledges and receipts from n donors (so every panel is
    drawn, none returns early)."""
    staff, germany = world.users["staff"], world.session.cochairs.first().country
    csd = CSDEditionFactory(edition=world.edition)
    reviewer = CommitteeMemberFactory(csd_edition=csd)
    category = CategoryFactory(
        registration=RegistrationFactory(meeting=MeetingFactory(edition=world.edition))
    )
    Quota.objects.create(category=category, scope=QuotaScope.OVERALL, seats=50)
    donors = ["DEU", "MAR", "SWE", "FRA", "BRA", "JPN"]
    # the balance history reads the editions before this one (and the troika the previous)
    for earlier in range(1, n + 1):
        EditionFactory(ordinal=12 - earlier, year_start=2020 - earlier)
    for number in range(1, n + 1):
        session = (
            world.session
            if number == 1
            else SessionFactory(roundtable=world.session.roundtable, number=number)
        )
        set_state(session.paper, PaperState.CONSULTATION)
        add_input(session.paper, country=germany)
        version_translations_request(
            actor=staff, version=session.paper.versions.first(), languages=["fr"]
        )
        candidate(csd, score=7, reviewers=[reviewer], name=f"CSO {number}")
        ParticipantFactory(category=category, state=ParticipantState.APPROVED)
        donor = country(donors[number - 1])
        pledge = Pledge.objects.create(
            edition=world.edition,
            country=donor,
            kind="cash",
            currency="USD",
            amount=Decimal("1000"),
            pledged_on=date(2020, 4, 1),
        )
        Receipt.objects.create(
            edition=world.edition,
            country=donor,
            kind="cash",
            currency="USD",
            amount=Decimal("500"),
            received_on=date(2020, 5, 1),
            pledge=pledge,
        )


@pytest.mark.parametrize("volume", [1, 6])
def test_query_count_is_fixed_whatever_the_volume(world, client, volume, django_assert_num_queries):
    _volume(world, volume)
    client.force_login(world.users["staff"])
    url = reverse("admin:index") + f"?edition={world.edition.pk}"
    html = client.get(url).content.decode()  # warm: content types, the session's user
    # every panel is drawn, each with the rows of this volume
    for key in ("seats", "papers", "inputs", "translations", "csd", "registration"):
        assert f'data-panel="{key}"' in html, key
    assert 'data-panel="contributions"' in html
    contributions = _panel(html.split('id="cycle-dashboard"')[1], "contributions")
    assert re.search(rf'gfmd-figure-value">{volume}<', contributions)  # the donors
    registration = _panel(html.split('id="cycle-dashboard"')[1], "registration")
    # approved against the overall quota, however many participants join the count
    assert f"<td>{volume}</td><td>50</td>" in registration.replace("\n", "")
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200


QUERIES = 42  # the admin index: session, user, every app's dashboard panels, the app list


def test_charts_escape_labels_and_carry_a_text_description():
    svg = charts.progress_bars("Seats", [("<b>RT 1</b>", 1, 2)])
    assert "<b>RT" not in svg and "&lt;b&gt;RT 1&lt;/b&gt;" in svg
    assert "<title>Seats</title>" in svg and "1 of 2" in svg
    with override("fr"):
        stacked = charts.stacked_bars(
            "Équilibre", ["2019", "2020"], [charts.Series("A", [1, 2]), charts.Series("B", [3, 0])]
        )
    # two legend keys and three non-empty segments; the numbers as a table behind it
    assert stacked.count("<rect") == 2 + 3
    assert "<th scope='row'>2019</th><td>1</td><td>3</td>" in stacked
    assert "<th scope='row'>2020</th><td>2</td><td>0</td>" in stacked
