"""factory_boy factories for the governance core, shared by every app's tests."""

from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from gfmd.enums import FocalPointRole, MeetingBody, OrganisationKind
from gfmd.models import (
    BalancePolicy,
    Country,
    Edition,
    EditionChair,
    FocalPoint,
    Meeting,
    Organisation,
    SteeringGroupMembership,
)
from gfmd.platform.roles import SUPPORT_UNIT_GROUP
from gfmd.services.countries import countries_load


def country(iso3: str) -> Country:
    """A reference country; reloads the list if a transactional test flushed it."""
    found = Country.objects.filter(iso3=iso3).first()
    if found is None:
        countries_load()
        found = Country.objects.get(iso3=iso3)
    return found


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("secret-pass-123")


class StaffFactory(UserFactory):
    class Meta:
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True

    @factory.post_generation
    def support_unit(self, create, extracted, **kwargs):
        if create:
            group, _ = Group.objects.get_or_create(name=SUPPORT_UNIT_GROUP)
            self.groups.add(group)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    kind = OrganisationKind.UN_AGENCY


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory)
    country = None
    organisation = None
    role = FocalPointRole.FOCAL_POINT
    start_date = date(2000, 1, 1)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        skip_postgeneration_save = True

    ordinal = factory.Sequence(lambda n: n + 1)
    # 2006 + ordinal, kept within the plausible years when the sequence runs long
    year_start = factory.LazyAttribute(lambda e: 2007 + (e.ordinal - 1) % 90)
    title = factory.LazyAttribute(lambda e: f"GFMD {e.year_start}")

    @factory.post_generation
    def chairs(self, create, extracted, **kwargs):
        if create and extracted:
            for iso3 in extracted:
                EditionChair.objects.create(edition=self, country=country(iso3))


class SteeringMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringGroupMembership

    country = factory.LazyFunction(lambda: country("DEU"))
    start_date = date(2010, 1, 1)


class BalancePolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BalancePolicy

    effective_from = date(2000, 1, 1)
    required_regions = factory.LazyFunction(lambda: ["Africa", "Americas", "Asia", "Europe"])


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    edition = factory.SubFactory(EditionFactory)
    body = MeetingBody.STEERING_GROUP
    title = factory.Sequence(lambda n: f"Steering Group meeting {n}")
    start_date = date(2020, 2, 11)
    city = "Geneva"
