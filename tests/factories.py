"""factory_boy factories for the governance core, shared by every app's tests, and `ROWS`:
endpoint -> make(n), n more rows of that list's records (the query-count tests)."""

from datetime import date, timedelta
from importlib import import_module

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from gfmd.enums import AttendanceRole, FocalPointRole, FriendsRole, MeetingBody, OrganisationKind
from gfmd.models import (
    AgendaItem,
    Attendance,
    BalancePolicy,
    Country,
    Edition,
    EditionChair,
    FocalPoint,
    FriendsParticipation,
    LocalGovernment,
    Mechanism,
    MechanismOrganisation,
    MechanismParticipation,
    Meeting,
    Organisation,
    SteeringGroupMembership,
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
)
from gfmd.platform.models import (
    Notification,
    PartnerClient,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from gfmd.platform.roles import SUPPORT_UNIT_GROUP
from gfmd.platform.services.activity import log_action
from gfmd.services.countries import countries_load


def country(iso3: str) -> Country:
    """A reference country; reloads the list if a transactional test flushed it."""
    found = Country.objects.filter(iso3=iso3).first()
    if found is None:
        countries_load()
        found = Country.objects.get(iso3=iso3)
    return found


def reference_data() -> None:
    """The reference rows migrations seed and the demo needs, reloaded if a transactional
    test flushed them: the countries and the starting visa letter templates."""
    from django.apps import apps

    from gfmd.platform.models import DocumentTemplate

    country("DEU")
    if not DocumentTemplate.objects.filter(kind="registration.visa_letter").exists():
        seeding = import_module("registration.migrations.0003_letters_badges_checkin")
        seeding.add_visa_letter_templates(apps, None)


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
    mechanism = None
    role = FocalPointRole.FOCAL_POINT
    start_date = date(2000, 1, 1)


class MechanismFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mechanism
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"mechanism-{n}")
    name = factory.Sequence(lambda n: f"Mechanism {n}")
    since_year = 2018


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    name = factory.Sequence(lambda n: f"Working group {n}")
    mandate = "Draft a text for the Steering Group."
    term_from = date(2023, 1, 1)
    term_to = date(2024, 12, 31)


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


# --- n rows of each governance list (query-count tests of lists and changelists) -----------


def _states(n):
    return list(Country.objects.filter(un_status="member").order_by("id")[:n])


def organisations(n):
    for _ in range(n):
        OrganisationFactory(headquarters=country("CHE"))


def focal_points(n):
    for state in _states(n):
        FocalPointFactory(country=state)


def editions(n):
    start = 1000 + EditionFactory._meta.model.objects.count()
    for i in range(n):
        EditionFactory(
            ordinal=start + i,
            year_start=2007 + i % 50,
            chairs=["DEU", "MAR"],
            venue_country=country("DEU"),
        )


def steering_group(n):
    # one-year terms, cycling through the states, so no government's terms overlap
    states = _states(193)
    done = SteeringGroupMembership.objects.count()
    SteeringGroupMembership.objects.bulk_create(
        SteeringGroupMembership(
            country=states[i % len(states)],
            start_date=date(1950 + i // len(states), 1, 1),
            end_date=date(1950 + i // len(states), 12, 31),
        )
        for i in range(done, done + n)
    )


def balance_policies(n):
    BalancePolicy.objects.bulk_create(
        BalancePolicy(
            effective_from=date(2000, 1, 1) + timedelta(days=i), required_regions=["Africa"]
        )
        for i in range(BalancePolicy.objects.count(), BalancePolicy.objects.count() + n)
    )


def friends(n):
    edition = EditionFactory()
    FriendsParticipation.objects.bulk_create(
        FriendsParticipation(edition=edition, country=state, role=FriendsRole.PARTICIPANT)
        for state in _states(n)
    )


def meetings(n):
    edition = EditionFactory()
    for _ in range(n):
        meeting = MeetingFactory(edition=edition, country=country("CHE"))
        AgendaItem.objects.create(meeting=meeting, position=1, title="Opening")
        AgendaItem.objects.create(meeting=meeting, position=2, title="Roundtables")


def agenda_items(n):
    meeting = MeetingFactory()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=i + 1, title=f"Item {i}") for i in range(n)
    )


def attendance(n):
    meeting = MeetingFactory()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, country=state, role=AttendanceRole.MEMBER)
        for state in _states(n)
    )


def activity(n):
    org = OrganisationFactory()
    for i in range(n):
        log_action(None, org, "test.event", {"i": i})


def notifications(n):
    start = Notification.objects.count()
    Notification.objects.bulk_create(
        Notification(
            key=f"k{start + i}", recipient_email=f"r{i}@example.org", subject="s", body="b"
        )
        for i in range(n)
    )


ROWS = {
    "organisations": organisations,
    "focal-points": focal_points,
    "editions": editions,
    "steering-group": steering_group,
    "balance-policies": balance_policies,
    "friends-of-the-forum": friends,
    "meetings": meetings,
    "agenda-items": agenda_items,
    "attendance": attendance,
    "activity": activity,
    "notifications": notifications,
}


def partner_clients(n):
    from gfmd.services.clients import partner_client_register

    start = PartnerClient.objects.count()
    for i in range(start, start + n):
        partner_client_register(
            actor=None, name=f"Partner system {i}", scopes=["read"], country=country("DEU")
        )


def webhook_endpoints(n):
    WebhookEndpoint.objects.bulk_create(
        WebhookEndpoint(
            url=f"https://hooks.example.org/{i}",
            event_types=["*"],
            secret="whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=",
        )
        for i in range(n)
    )


def webhook_deliveries(n):
    endpoint = WebhookEndpoint.objects.create(
        url="https://hooks.example.org/d", event_types=["*"], secret="whsec_eA=="
    )
    events = WebhookEvent.objects.bulk_create(
        WebhookEvent(event_type="edition.changed", payload={"i": i}) for i in range(n)
    )
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(event=e, endpoint=endpoint) for e in events
    )
    WebhookAttempt.objects.bulk_create(
        WebhookAttempt(delivery=d, status_code=500, latency_ms=12) for d in deliveries
    )


def mechanisms(n):
    start = Mechanism.objects.count()
    for i in range(start, start + n):
        mechanism = MechanismFactory(code=f"m{i}", name=f"Mechanism {i}")
        for role in ("host", "co_steering"):
            MechanismOrganisation.objects.create(
                mechanism=mechanism, organisation=OrganisationFactory(), role=role
            )


def mechanism_organisations(n):
    mechanism = MechanismFactory()
    MechanismOrganisation.objects.bulk_create(
        MechanismOrganisation(
            mechanism=mechanism, organisation=OrganisationFactory(), role="coordinator"
        )
        for _ in range(n)
    )


def mechanism_participations(n):
    MechanismParticipation.objects.bulk_create(
        MechanismParticipation(
            mechanism=MechanismFactory(), body="steering_group", start_date=date(2019, 1, 1)
        )
        for _ in range(n)
    )


def local_governments(n):
    networks = [OrganisationFactory(), OrganisationFactory()]
    start = LocalGovernment.objects.count()
    for i in range(start, start + n):
        city = LocalGovernment.objects.create(name=f"City {i}", kind="city", country=country("ECU"))
        city.networks.set(networks)


def working_groups(n):
    mechanism = MechanismFactory()
    for _ in range(n):
        group = WorkingGroupFactory()
        WorkingGroupChair.objects.create(working_group=group, country=country("CAN"))
        WorkingGroupChair.objects.create(working_group=group, mechanism=mechanism)
        WorkingGroupMember.objects.create(working_group=group, country=country("ECU"))
        WorkingGroupMember.objects.create(working_group=group, organisation=OrganisationFactory())


def working_group_chairs(n):
    mechanism = MechanismFactory()
    for _ in range(n):
        WorkingGroupChair.objects.create(working_group=WorkingGroupFactory(), mechanism=mechanism)


def working_group_members(n):
    group = WorkingGroupFactory()
    WorkingGroupMember.objects.bulk_create(
        WorkingGroupMember(working_group=group, country=state) for state in _states(n)
    )


ROWS.update(
    {
        "mechanisms": mechanisms,
        "mechanism-organisations": mechanism_organisations,
        "mechanism-participations": mechanism_participations,
        "local-governments": local_governments,
        "working-groups": working_groups,
        "working-group-chairs": working_group_chairs,
        "working-group-members": working_group_members,
        "partner-clients": partner_clients,
        "webhooks": webhook_endpoints,
        "webhook-deliveries": webhook_deliveries,
    }
)
