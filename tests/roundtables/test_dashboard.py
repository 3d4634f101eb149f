"""The cycle dashboard on the admin index (gfmd/platform/dashboard.py): its numbers, their
links and definitions, its charts' text tables, its languages, and a fixed query count."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.translation import override

from gfmd.platform import charts
from roundtables.enums import PaperState
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


def test_the_dashboard_speaks_french(world, client):
    staff = world.users["staff"]
    client.force_login(staff)
    html = client.get(
        reverse("admin:index"), {"edition": world.edition.pk}, HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Sièges de co-présidence" in html and "Comment ces chiffres sont comptés" in html


@pytest.mark.parametrize("sessions", [1, 6])
def test_query_count_is_fixed_whatever_the_volume(
    world, client, sessions, django_assert_num_queries
):
    for number in range(2, sessions + 1):
        session = SessionFactory(roundtable=world.session.roundtable, number=number)
        set_state(session.paper, PaperState.CONSULTATION)
        add_input(session.paper, country=world.session.cochairs.first().country)
    client.force_login(world.users["staff"])
    url = reverse("admin:index") + f"?edition={world.edition.pk}"
    client.get(url)  # warm: content types, the session's user
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200


QUERIES = 40  # the admin index: session, user, every app's dashboard panels, the app list


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
