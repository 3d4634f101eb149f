"""A government recommendation linked to the outcome document it comes from: an outcome
kind of the recommendation's edition, checked by the model, the service, the API and the
database (a trigger)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from gfmd.platform.errors import DomainError
from outcomes.enums import Addressee
from outcomes.models import Recommendation
from outcomes.services.recommendations import recommendation_create, recommendation_update
from roundtables.services.papers import document_create
from tests.factories import EditionFactory
from tests.outcomes.factories import RecommendationFactory
from tests.roundtables.factories import SessionFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/outcomes/recommendations/"


@pytest.fixture
def docs(staff):
    e19, e20 = EditionFactory(year_start=2019), EditionFactory(year_start=2020)
    session = SessionFactory(roundtable__edition=e19)

    def doc(edition, kind, **kwargs):
        return document_create(actor=staff, edition=edition, kind=kind, title=kind, **kwargs)

    return {
        "e19": e19,
        "e20": e20,
        "session": session,
        "conclusions19": doc(e19, "chair_conclusions"),
        "report19": doc(e19, "rapporteur_report", session=session),
        "concept19": doc(e19, "concept_note"),
        "conclusions20": doc(e20, "chair_conclusions"),
    }


def _create(staff, edition, **source):
    return recommendation_create(
        actor=staff,
        edition=edition,
        addressed_to=Addressee.GOVERNMENTS,
        title="Lower remittance costs",
        text="Bring remittance costs below 3 per cent.",
        **source,
    )


@pytest.mark.parametrize("key", ["conclusions19", "report19"])
def test_outcome_document_of_the_same_edition_is_accepted(staff, docs, key):
    rec = _create(staff, docs["e19"], outcome_document=docs[key])
    rec.refresh_from_db()
    assert rec.outcome_document == docs[key]
    assert list(docs[key].recommendations.all()) == [rec]


@pytest.mark.parametrize(
    "key,message",
    [("concept19", "Choose an outcome document"), ("conclusions20", "another edition")],
)
def test_non_outcome_or_other_edition_document_is_refused(staff, docs, key, message):
    with pytest.raises(DomainError) as refused:
        _create(staff, docs["e19"], outcome_document=docs[key])
    assert refused.value.field == "outcome_document"
    assert message in refused.value.detail
    rec = _create(staff, docs["e19"], source_label="Chair's conclusions")
    with pytest.raises(DomainError):
        recommendation_update(actor=staff, recommendation=rec, outcome_document=docs[key])
    # The model's clean says the same (the admin's form runs it).
    rec.outcome_document = docs[key]
    with pytest.raises(ValidationError) as invalid:
        rec.full_clean()
    assert message in str(invalid.value.message_dict["outcome_document"])


@pytest.mark.parametrize("key", ["concept19", "conclusions20"])
def test_database_refuses_a_non_outcome_or_other_edition_document(staff, docs, key):
    rec = _create(staff, docs["e19"], source_label="Chair's conclusions")
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=rec.pk).update(outcome_document=docs[key])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE outcomes_recommendation SET outcome_document_id = %s WHERE id = %s",
            [docs[key].pk, rec.pk],
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationFactory(edition=docs["e19"], outcome_document=docs[key])


def test_database_refuses_moving_a_linked_document_out_of_its_kind_or_edition(staff, docs):
    _create(staff, docs["e19"], outcome_document=docs["conclusions19"])
    paper = type(docs["conclusions19"]).objects.filter(pk=docs["conclusions19"].pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        paper.update(kind="concept_note")
    with pytest.raises(IntegrityError), transaction.atomic():
        paper.update(edition=docs["e20"])


@pytest.mark.parametrize("source", ["session", "outcome_document", "source_label"])
def test_each_source_alone_satisfies_has_source(staff, docs, source):
    value = {
        "session": docs["session"],
        "outcome_document": docs["conclusions19"],
        "source_label": "Chair's conclusions",
    }[source]
    rec = RecommendationFactory(edition=docs["e19"], **{"source_label": "", source: value})
    assert Recommendation.objects.filter(pk=rec.pk).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=rec.pk).update(
            session=None, outcome_document=None, source_label=""
        )


def test_api_create_and_read_with_the_outcome_document(api, staff, docs):
    client = api(staff)
    body = {
        "edition": docs["e19"].pk,
        "outcome_document": docs["report19"].pk,
        "addressed_to": Addressee.GOVERNMENTS,
        "title": "Lower remittance costs",
        "text": "Bring remittance costs below 3 per cent.",
    }
    created = client.post(URL, body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["outcome_document"] == docs["report19"].pk
    read = client.get(f"{URL}{created.json()['id']}/").json()
    assert read["outcome_document"] == docs["report19"].pk
    assert read["outcome_document_title"] == docs["report19"].title
    listed = client.get(URL).json()["results"]
    assert [r["outcome_document"] for r in listed] == [docs["report19"].pk]


@pytest.mark.parametrize(
    "key,message",
    [("concept19", "Choose an outcome document"), ("conclusions20", "another edition")],
)
def test_api_refuses_a_non_outcome_or_other_edition_document(api, staff, docs, key, message):
    client = api(staff)
    body = {
        "edition": docs["e19"].pk,
        "outcome_document": docs[key].pk,
        "addressed_to": Addressee.GOVERNMENTS,
        "title": "T",
        "text": "Text",
    }
    refused = client.post(URL, body, format="json")
    assert refused.status_code == 400
    assert message in str(refused.json())
    assert not Recommendation.objects.exists()
    rec = _create(staff, docs["e19"], source_label="Chair's conclusions")
    patched = client.patch(f"{URL}{rec.pk}/", {"outcome_document": docs[key].pk}, format="json")
    assert patched.status_code == 400
    assert message in str(patched.json())
