"""The Steering Group balance page: a date picker, the balance that day, and the history
over editions as an SVG stacked-bar chart with its numbers in a table (gfmd/platform/charts.py)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gfmd.platform.charts import Series, progress_bar, stacked_bars
from tests.factories import EditionFactory, StaffFactory, SteeringMemberFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    EditionFactory(ordinal=1, year_start=2007, start_date=date(2007, 7, 9))
    EditionFactory(ordinal=2, year_start=2012, start_date=date(2012, 11, 19))
    SteeringMemberFactory(country=country("DEU"), start_date=date(2006, 1, 1))
    SteeringMemberFactory(country=country("MAR"), start_date=date(2006, 1, 1))
    SteeringMemberFactory(country=country("MEX"), start_date=date(2010, 1, 1))


def _table(html):
    body = html.split('class="gfmd-chart-data"')[1].split("</tbody>")[0]
    return re.findall(r"<tr><th scope='row'>(\d+)</th><td>(\d+)</td><td>(\d+)</td></tr>", body)


def test_balance_page_shows_the_day_and_the_history(client, history):
    client.force_login(StaffFactory())
    url = reverse("admin:gfmd_steering_balance")

    html = client.get(url, {"on": "2008-01-01"}).content.decode()

    assert 'type="date"' in html and 'value="2008-01-01"' in html
    assert "<b>2</b> members" in html  # DEU and MAR on 2008-01-01
    assert "<svg" in html and "<rect" in html
    assert _table(html) == [("2007", "1", "1"), ("2012", "1", "2")]


@pytest.mark.parametrize(("language", "word"), [("fr", "Développé"), ("es", "Desarrollado")])
def test_balance_page_in_french_and_spanish(client, history, language, word):
    client.force_login(StaffFactory())
    html = client.get(
        reverse("admin:gfmd_steering_balance"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert f"<th scope='col'>{word}</th>" in html and "<svg" in html


def test_balance_page_is_staff_only(client, history):
    from tests.factories import FocalPointFactory

    client.force_login(FocalPointFactory(country=country("DEU")).user)
    assert client.get(reverse("admin:gfmd_steering_balance")).status_code in (302, 403)


def test_charts_escape_text_and_use_the_safe_palette():
    html = stacked_bars("<b>t</b>", ["<i>2020</i>"], [Series("<script>", [3])])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;i&gt;2020" in html
    assert 'fill="#0072B2"' in html
    bar = progress_bar("Seats", 3, 4)
    assert "3 / 4" in bar and 'width="127.5"' in bar
