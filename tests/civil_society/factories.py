"""factory_boy factories for the Civil Society Days (governance factories in tests/factories),
and `ROWS` / `ADMIN_ROWS`: endpoint or changelist -> make(n), n more rows of its records
(the query-count tests)."""

from datetime import UTC, date, datetime, timedelta

import factory
from django.contrib.auth.models import Group

from civil_society.enums import CommitteeRole, CommonSpaceSide, LedCheck, Sector, SessionOrigin
from civil_society.models import (
    AdvisoryCommitteeMember,
    Application,
    CivilSocietyOrganisation,
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDEdition,
    CSDSession,
    Delegate,
    PeoplesGlobalActionDocument,
    ProposalEntry,
    Recommendation,
    Review,
    SelectionPolicy,
    SelectionProposal,
)
from civil_society.models.organisations import normalise_name, website_domain
from civil_society.rules import PARTNER_SYSTEM_GROUP
from civil_society.services.programme import friends_representative_register
from gfmd.enums import MeetingBody, OrganisationKind
from gfmd.models import Country
from tests.factories import (
    EditionFactory,
    FocalPointFactory,
    MechanismFactory,
    MeetingFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
    country,
)


class CSDEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CSDEdition

    edition = factory.SubFactory(
        EditionFactory, start_date=factory.LazyAttribute(lambda e: date(e.year_start, 11, 20))
    )
    title = factory.LazyAttribute(lambda c: f"Civil Society Days {c.edition.year_start}")
    start_date = factory.LazyAttribute(lambda c: date(c.edition.year_start, 11, 17))
    end_date = factory.LazyAttribute(lambda c: date(c.edition.year_start, 11, 18))
    forum_start_date = factory.LazyAttribute(lambda c: c.edition.start_date)


class CSOFactory(factory.django.DjangoModelFactory):
    """A civil-society organisation: a gfmd.Organisation with its CSD profile."""

    class Meta:
        model = CivilSocietyOrganisation

    class Params:
        name = factory.Sequence(lambda n: f"Civil Society Group {n}")
        website = ""
        hq = "KEN"

    organisation = factory.LazyAttribute(
        lambda o: OrganisationFactory(
            name=o.name,
            acronym="",
            kind=OrganisationKind.CIVIL_SOCIETY,
            website=o.website,
            headquarters=country(o.hq),
        )
    )
    sector = Sector.DEVELOPMENT
    migrant_led = False
    diaspora_led = False
    led_check = factory.LazyAttribute(
        lambda o: LedCheck.PENDING if (o.migrant_led or o.diaspora_led) else LedCheck.NOT_DECLARED
    )
    normalised_name = factory.LazyAttribute(lambda o: normalise_name(o.organisation.name))
    website_domain = factory.LazyAttribute(lambda o: website_domain(o.organisation.website))


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdvisoryCommitteeMember

    csd_edition = factory.SubFactory(CSDEditionFactory)
    user = factory.SubFactory(UserFactory, is_staff=True)
    organisation = factory.LazyFunction(lambda: CSOFactory().organisation)
    role = CommitteeRole.MEMBER
    term_start = date(2020, 1, 1)
    is_reviewer = True


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    csd_edition = factory.SubFactory(CSDEditionFactory)
    organisation = factory.SubFactory(CSOFactory)
    motivation = "We bring the voice of migrant workers."
    submitted_at = factory.Sequence(
        lambda n: datetime(2020, 9, 1, tzinfo=UTC) + timedelta(minutes=n)
    )


class DelegateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegate

    application = factory.SubFactory(ApplicationFactory)
    csd_edition = factory.LazyAttribute(lambda d: d.application.csd_edition)
    position = 1
    full_name = factory.Sequence(lambda n: f"Delegate {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.org")
    country = factory.LazyFunction(lambda: country("KEN"))


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory)
    reviewer = factory.SubFactory(
        CommitteeMemberFactory, csd_edition=factory.SelfAttribute("..application.csd_edition")
    )
    reviewer_organisation = factory.LazyAttribute(lambda r: r.reviewer.organisation)
    applicant_organisation = factory.LazyAttribute(
        lambda r: r.application.organisation.organisation
    )
    score = 7


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelectionPolicy

    csd_edition = factory.SubFactory(CSDEditionFactory)
    places = 3
    waitlist_size = 2
    sector_minimums = factory.LazyFunction(dict)
    sector_min_shares = factory.LazyFunction(dict)
    priority_bonus = "1.00"
    min_per_region = 0
    max_region_share = None
    max_per_organisation = 1
    min_reviews = 1


class PartnerSystemUserFactory(UserFactory):
    """A user in the partner-system group (as a partner client's service account)."""

    class Meta:
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"partner{n}")

    @factory.post_generation
    def partner_system(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=PARTNER_SYSTEM_GROUP)[0])


def cso_focal_point(profile: CivilSocietyOrganisation):
    """A user who is focal point of `profile`'s organisation."""
    return FocalPointFactory(organisation=profile.organisation).user


def candidate(
    csd_edition,
    *,
    score=None,
    sector=Sector.DEVELOPMENT,
    region_iso3="KEN",
    migrant_led=False,
    diaspora_led=False,
    reviewers=(),
    name=None,
    **delegate,
):
    """An application with one delegate and (optionally) one review per reviewer at `score`."""
    profile = CSOFactory(
        sector=sector,
        migrant_led=migrant_led,
        diaspora_led=diaspora_led,
        **({"name": name} if name else {}),
    )
    application = ApplicationFactory(csd_edition=csd_edition, organisation=profile)
    person = DelegateFactory(application=application, country=country(region_iso3), **delegate)
    for reviewer in reviewers:
        ReviewFactory(application=application, reviewer=reviewer, score=score)
    return person


# --- n rows of each CSD list (query-count tests of lists and changelists) -------------------


def _csd():
    return CSDEdition.objects.order_by("id").first() or CSDEditionFactory()


def editions(n):
    CSDEditionFactory.create_batch(n)


def committee(n):
    CommitteeMemberFactory.create_batch(n, csd_edition=_csd())


def organisations(n):
    states = list(Country.objects.filter(un_status="member").order_by("id")[:3])
    for _ in range(n):
        CSOFactory().countries_of_work.set(states)


def applications(n):
    csd = _csd()
    reviewer = CommitteeMemberFactory(csd_edition=csd)
    for _ in range(n):
        application = ApplicationFactory(csd_edition=csd)
        DelegateFactory(application=application, position=1)
        DelegateFactory(application=application, position=2, country=country("BRA"))
        ReviewFactory(application=application, reviewer=reviewer)


def delegates(n):
    csd = _csd()
    for _ in range(n):
        DelegateFactory(application=ApplicationFactory(csd_edition=csd))


def reviews(n):
    csd = _csd()
    reviewer = CommitteeMemberFactory(csd_edition=csd)
    for _ in range(n):
        ReviewFactory(application=ApplicationFactory(csd_edition=csd), reviewer=reviewer)


def policies(n):
    for _ in range(n):
        PolicyFactory()


def proposals(n):
    csd = _csd()
    for _ in range(n):
        proposal = SelectionProposal.objects.create(csd_edition=csd, places=1, status="superseded")
        ProposalEntry.objects.create(
            proposal=proposal,
            delegate=DelegateFactory(application=ApplicationFactory(csd_edition=csd)),
            rank=1,
            proposed_outcome="out",
            outcome="out",
            reason="r",
        )


def proposal_entries(n):
    csd = _csd()
    proposal = SelectionProposal.objects.filter(csd_edition=csd).first()
    proposal = proposal or SelectionProposal.objects.create(csd_edition=csd, places=1)
    start = ProposalEntry.objects.filter(proposal=proposal).count()
    for i in range(n):
        ProposalEntry.objects.create(
            proposal=proposal,
            delegate=DelegateFactory(application=ApplicationFactory(csd_edition=csd)),
            rank=start + i + 1,
            proposed_outcome="out",
            outcome="out",
            reason="r",
        )


def sessions(n):
    csd = _csd()
    start = CSDSession.objects.count()
    for i in range(n):
        CSDSession.objects.create(
            csd_edition=csd, code=f"S{start + i}", title="T", origin=SessionOrigin.ADDED
        )


def recommendations(n):
    csd = _csd()
    session = CSDSession.objects.create(
        csd_edition=csd, code=f"R{Recommendation.objects.count()}", title="T", origin="added"
    )
    for _ in range(n):
        Recommendation.objects.create(
            csd_edition=csd, session=session, title="R", text="t", addressed_theme="Labour"
        )


def common_space(n):
    csd = _csd()
    for _ in range(n):
        space = CommonSpaceSession.objects.create(
            csd_edition=csd, title="CS", date=date(2020, 1, 1)
        )
        CommonSpaceParticipant.objects.create(
            session=space, side=CommonSpaceSide.GOVERNMENT, country=country("DEU")
        )
        CommonSpaceParticipant.objects.create(
            session=space,
            side=CommonSpaceSide.CIVIL_SOCIETY,
            delegate=DelegateFactory(application=ApplicationFactory(csd_edition=csd)),
        )
        CommonSpaceParticipant.objects.create(
            session=space, side=CommonSpaceSide.MECHANISM, mechanism=MechanismFactory()
        )


def common_space_participants(n):
    csd = _csd()
    space = CommonSpaceSession.objects.create(csd_edition=csd, title="CS")
    for _ in range(n):
        CommonSpaceParticipant.objects.create(
            session=space,
            side=CommonSpaceSide.CIVIL_SOCIETY,
            delegate=DelegateFactory(application=ApplicationFactory(csd_edition=csd)),
        )


def pga_documents(n):
    csd = _csd()
    PeoplesGlobalActionDocument.objects.bulk_create(
        PeoplesGlobalActionDocument(csd_edition=csd, title=f"PGA {i}", summary="s")
        for i in range(n)
    )


def friends_representatives(n):
    csd = _csd()
    staff = StaffFactory()
    meeting = MeetingFactory(edition=csd.edition, body=MeetingBody.FRIENDS_OF_THE_FORUM)
    for _ in range(n):
        delegate = DelegateFactory(
            application=ApplicationFactory(csd_edition=csd), status="selected"
        )
        friends_representative_register(actor=staff, delegate=delegate, meeting=meeting)


ROWS = {
    "csd/editions": editions,
    "csd/committee": committee,
    "csd/organisations": organisations,
    "csd/applications": applications,
    "csd/delegates": delegates,
    "csd/reviews": reviews,
    "csd/selection-policies": policies,
    "csd/proposals": proposals,
    "csd/proposal-entries": proposal_entries,
    "csd/sessions": sessions,
    "csd/recommendations": recommendations,
    "csd/common-space": common_space,
    "csd/common-space-participants": common_space_participants,
    "csd/pga-documents": pga_documents,
    "csd/friends-representatives": friends_representatives,
}

ADMIN_ROWS = {
    "csdedition": editions,
    "advisorycommitteemember": committee,
    "civilsocietyorganisation": organisations,
    "application": applications,
    "delegate": delegates,
    "review": reviews,
    "selectionpolicy": policies,
    "selectionproposal": proposals,
    "csdsession": sessions,
    "recommendation": recommendations,
    "commonspacesession": common_space,
    "peoplesglobalactiondocument": pga_documents,
    "friendsrepresentative": friends_representatives,
}
