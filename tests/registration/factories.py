"""Factories for registration, and `summit()`: a registration open now with the usual
categories and quotas (head of delegation + 2 per government, 2 per observer organisation)."""

from dataclasses import dataclass
from datetime import date, timedelta

import factory
from django.utils import timezone

from gfmd.enums import MeetingBody, OrganisationKind
from registration.enums import CategoryKind, ParticipantState, QuotaScope
from registration.models import Participant, ParticipantCategory, Quota, Registration
from tests.factories import MeetingFactory, OrganisationFactory, country


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(
        MeetingFactory, body=MeetingBody.FORUM, title="GFMD Summit", start_date=date(2030, 1, 20)
    )
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    late_change_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=25))
    in_person = True
    online = True


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantCategory

    registration = factory.SubFactory(RegistrationFactory)
    code = factory.Sequence(lambda n: f"cat-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    kind = CategoryKind.GOVERNMENT


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    category = factory.SubFactory(CategoryFactory)
    registration = factory.LazyAttribute(lambda p: p.category.registration)
    country = factory.LazyAttribute(
        lambda p: country("DEU") if p.category.kind in ("government", "observer_state") else None
    )
    full_name = factory.Sequence(lambda n: f"Delegate {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    state = ParticipantState.SUBMITTED


@dataclass
class Summit:
    registration: Registration
    government: ParticipantCategory
    observer: ParticipantCategory
    csd: ParticipantCategory
    media: ParticipantCategory
    iom: object


def summit(*, per_government=2, overall=None, **registration) -> Summit:
    """An open registration: governments (head + `per_government`), observer organisations
    (2 each), CSD delegates, media (public list)."""
    reg = RegistrationFactory(**registration)
    government = CategoryFactory(
        registration=reg, code="gov", name="Government delegation", kind=CategoryKind.GOVERNMENT
    )
    Quota.objects.create(
        category=government,
        scope=QuotaScope.PER_DELEGATION,
        seats=per_government,
        plus_head_of_delegation=True,
    )
    if overall is not None:
        Quota.objects.create(category=government, scope=QuotaScope.OVERALL, seats=overall)
    observer = CategoryFactory(
        registration=reg,
        code="obs-org",
        name="Observer organisation",
        kind=CategoryKind.OBSERVER_ORGANISATION,
        position=1,
    )
    Quota.objects.create(category=observer, scope=QuotaScope.PER_DELEGATION, seats=2)
    csd = CategoryFactory(
        registration=reg,
        code="csd",
        name="CSD delegate",
        kind=CategoryKind.CSD_DELEGATE,
        position=2,
    )
    media = CategoryFactory(
        registration=reg,
        code="media",
        name="Media",
        kind=CategoryKind.MEDIA,
        list_visibility="public",
        position=3,
    )
    iom = OrganisationFactory(kind=OrganisationKind.INTERGOVERNMENTAL)
    return Summit(reg, government, observer, csd, media, iom)
