"""Practices tagged with GCM objectives and SDG targets through outcomes' tagging (one
mechanism): the edition's policy applies, the public filters by objective."""

import pytest

from partnerships.enums import PracticeState
from partnerships.models import Practice, PracticeTag
from partnerships.services.practices import practice_update
from tests.outcomes.factories import policy_on
from tests.partnerships.factories import PracticeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/practices/"


def _payload(edition, **extra):
    return {
        "title": "Ethical recruitment",
        "summary": "Who, what, where.",
        "countries": ["NPL"],
        "source_edition": edition.pk,
        **extra,
    }


def test_submission_tags_objectives_when_the_edition_has_gcm_on(edition, staff, api):
    policy_on(edition)
    response = api(staff).post(
        URL, _payload(edition, objectives=[6, 5], sdg_targets=["10.7"]), format="json"
    )
    assert response.status_code == 201, response.content
    tags = response.json()["tags"]
    assert [(t["scheme"], t["objective"], t["sdg_target"]) for t in tags] == [
        ("gcm", 5, None),
        ("gcm", 6, None),
        ("sdg", None, "10.7"),
    ]


def test_tagging_is_refused_when_the_edition_policy_is_off(edition, staff, api):
    response = api(staff).post(URL, _payload(edition, objectives=[5]), format="json")
    assert response.status_code == 400
    assert "objectives" in response.json()["fields"]
    assert not Practice.objects.exists() and not PracticeTag.objects.exists()


def test_public_filter_by_objective(edition, staff, api):
    policy_on(edition)
    tagged = PracticeFactory(source_edition=edition)
    practice_update(actor=staff, practice=tagged, objectives=[6])
    hidden = PracticeFactory(source_edition=edition, state=PracticeState.SUBMITTED)
    practice_update(actor=staff, practice=hidden, objectives=[6])
    PracticeFactory(source_edition=edition)
    found = api().get(URL, {"objective": 6}).json()["results"]
    assert [row["id"] for row in found] == [tagged.pk]
