import pytest

from gfmd.selectors.editions import troika_for_edition
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def _chairs(seat):
    return [c.iso3 for c in seat.chairs]


def test_troika_past_present_future_follow_edition_order():
    EditionFactory(ordinal=9, chairs=["BGD"])
    middle = EditionFactory(ordinal=10, year_start=2017, year_end=2018, chairs=["DEU", "MAR"])
    EditionFactory(ordinal=11, chairs=["ECU"])

    past, present, future = troika_for_edition(middle)

    assert (past.position, _chairs(past)) == ("past", ["BGD"])
    assert _chairs(present) == ["DEU", "MAR"]  # joint chairmanship: both chairs
    assert (future.position, _chairs(future)) == ("future", ["ECU"])
    assert all(seat.known for seat in (past, present, future))


def test_troika_skips_gaps_in_ordinals():
    EditionFactory(ordinal=3, chairs=["GRC"])
    edition = EditionFactory(ordinal=5, chairs=["CHE"])

    past, _, _ = troika_for_edition(edition)

    assert _chairs(past) == ["GRC"]


def test_troika_shows_missing_successor_as_gap():
    EditionFactory(ordinal=11, chairs=["ECU"])
    latest = EditionFactory(ordinal=12, chairs=["ARE"])

    _, _, future = troika_for_edition(latest)

    assert future.edition is None
    assert not future.known
    assert "not yet known" in future.note


def test_troika_successor_without_chair_is_a_gap_naming_the_edition():
    current = EditionFactory(ordinal=1, chairs=["BEL"])
    EditionFactory(ordinal=2, title="GFMD next")

    past, _, future = troika_for_edition(current)

    assert past.edition is None and "first Forum" in past.note
    assert future.edition is not None and not future.known
    assert "no chair government" in future.note


@pytest.mark.parametrize("chairs_each", [1, 3])
def test_troika_endpoint_reads_the_chairs_of_all_three_editions_in_one_query(
    api, staff, django_assert_num_queries, chairs_each
):
    codes = ["BGD", "DEU", "MAR", "ECU", "CHE", "GRC", "BEL", "ARE", "PHL"]
    editions = [
        EditionFactory(ordinal=n, chairs=codes[(n - 1) * 3 : (n - 1) * 3 + chairs_each])
        for n in (1, 2, 3)
    ]
    client = api(staff)
    client.get("/api/v1/editions/")  # the caller's snapshot and reach, read once
    # the edition, both neighbours, the chairs of all three, the successor's candidates:
    # no venue, no query per seat or per chair
    with django_assert_num_queries(4):
        response = client.get(f"/api/v1/editions/{editions[1].pk}/troika/")
    assert response.status_code == 200
    assert [len(seat["chairs"]) for seat in response.json()] == [chairs_each] * 3
