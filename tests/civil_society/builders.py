"""Make n rows of each CSD record, for query-count tests of lists and changelists."""

from datetime import date

from civil_society.enums import CommonSpaceSide, SessionOrigin
from civil_society.models import (
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDSession,
    PeoplesGlobalActionDocument,
    ProposalEntry,
    Recommendation,
    SelectionProposal,
)
from civil_society.services.programme import friends_representative_register
from gfmd.enums import MeetingBody
from gfmd.models import Country
from tests.civil_society.factories import (
    ApplicationFactory,
    CommitteeMemberFactory,
    CSDEditionFactory,
    CSOFactory,
    DelegateFactory,
    PolicyFactory,
    ReviewFactory,
)
from tests.factories import MeetingFactory, StaffFactory, country


def _csd():
    from civil_society.models import CSDEdition

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


BUILDERS = {
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

ADMIN_BUILDERS = {
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
