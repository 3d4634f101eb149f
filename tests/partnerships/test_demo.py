import io

import pytest

from partnerships import demo
from partnerships.enums import PracticeState
from partnerships.models import Practice, TalkProposal
from tests.factories import EditionFactory, StaffFactory

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
