import io

import pytest

from partnerships import demo
from partnerships.enums import PracticeState
from partnerships.models import Practice, TalkProposal
from tests.factories import EditionFactory, StaffFactory, country

pytestmark = pytest.mark.django_db


def test_demo_loads_trilingual_practices_once(api):
    EditionFactory(ordinal=12)
    StaffFactory(username="staff")
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert Practice.objects.count() == 12
    assert set(Practice.objects.values_list("original_language", flat=True)) == {"en", "fr", "es"}
    assert Practice.objects.filter(state=PracticeState.PUBLISHED).count() == 9
    assert TalkProposal.objects.count() == 6
    found = api().get("/api/v1/practices/", {"q": "remesas"}).json()["results"]
    assert [row["title"] for row in found] == ["Reducción del costo de las remesas"]


def test_seed_command_makes_searchable_published_practices(api, edition):
    from django.core.management import call_command

    country("MAR")  # the reference countries are loaded
    call_command("seed_practices", count=30, stdout=io.StringIO())
    assert Practice.objects.filter(state=PracticeState.PUBLISHED).count() == 30
    assert Practice.objects.filter(countries__isnull=False).distinct().count() == 30
    found = api().get("/api/v1/practices/", {"q": "remesas"}).json()["results"]
    assert found and all(row["original_language"] == "es" for row in found)
