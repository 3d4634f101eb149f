"""Factories and helpers of the outcomes tests."""

import factory

from outcomes.enums import Addressee, FollowUpStatus, Scheme
from outcomes.models import EditionTagging, FollowUp, Recommendation
from tests.factories import EditionFactory, country


def policy_on(edition, *schemes: str) -> None:
    for scheme in schemes or (Scheme.GCM, Scheme.SDG):
        EditionTagging.objects.get_or_create(edition=edition, scheme=scheme)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    edition = factory.SubFactory(EditionFactory)
    edition_ordinal = factory.LazyAttribute(lambda r: r.edition.ordinal)
    source_label = "Chair's conclusions"
    title = factory.Sequence(lambda n: f"Recommendation {n}")
    text = "Governments should share data on labour mobility."
    addressed_to = Addressee.GOVERNMENTS


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    recommendation = factory.SubFactory(RecommendationFactory)
    recommendation_ordinal = factory.LazyAttribute(lambda f: f.recommendation.edition_ordinal)
    edition = factory.LazyAttribute(lambda f: f.recommendation.edition)
    edition_ordinal = factory.LazyAttribute(lambda f: f.edition.ordinal)
    status = FollowUpStatus.IN_PROGRESS
    evidence = "Pilot programme launched."
    reporting_country = factory.LazyFunction(lambda: country("DEU"))
