"""Factories for the Platform for Partnerships tests: practices in any state, partner
clients with real OAuth2 tokens, calls for talks with proposals and reviews."""

import base64
from urllib.parse import urlencode

import factory
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from gfmd.services.clients import partner_client_register
from partnerships.enums import PracticeState
from partnerships.models import Practice, TalkCall, TalkProposal, TalkReview, TalkReviewer
from tests.factories import EditionFactory, UserFactory, country


class PracticeFactory(factory.django.DjangoModelFactory):
    """A practice (bypassing the services: the search trigger still fills its vector)."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice {n}")
    summary = "Who, what, where."
    source_edition = factory.SubFactory(EditionFactory)
    state = PracticeState.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda p: timezone.now() if p.state == PracticeState.PUBLISHED else None
    )
    return_reason = factory.LazyAttribute(
        lambda p: "Add the partners." if p.state == PracticeState.RETURNED else ""
    )

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and not self.is_global:
            self.countries.set([country(iso3) for iso3 in (extracted or ["MAR"])])


def partner_bearer(name="Forum website", scopes=("practices:read", "practices:write")):
    """(APIClient with a client-credentials token, the client's service user)."""
    client, secret = partner_client_register(
        actor=None, name=name, scopes=list(scopes), country=country("DEU")
    )
    basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    response = Client().post(
        "/oauth/token/",
        urlencode({"grant_type": "client_credentials"}),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 200, response.content
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return api, client.service_user


class TalkCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalkCall

    edition = factory.SubFactory(EditionFactory)
    title = "PfP talks"
    places = 2
    waitlist_size = 1
    min_reviews = 1
    max_per_organisation = 1


class TalkReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalkReviewer

    call = factory.SubFactory(TalkCallFactory)
    user = factory.SubFactory(UserFactory)


class TalkProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalkProposal

    call = factory.SubFactory(TalkCallFactory)
    title = factory.Sequence(lambda n: f"Talk {n}")
    abstract = "What we learnt."
    proponent = factory.SubFactory(UserFactory)
    proponent_name = factory.Sequence(lambda n: f"Proponent {n}")
    proponent_email = factory.Sequence(lambda n: f"proponent{n}@example.org")


class TalkReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalkReview

    proposal = factory.SubFactory(TalkProposalFactory)
    reviewer = factory.SubFactory(TalkReviewerFactory)
    score = 3
