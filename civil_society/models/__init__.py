from civil_society.models.applications import Application, Delegate, Review
from civil_society.models.editions import AdvisoryCommitteeMember, CSDEdition
from civil_society.models.organisations import CivilSocietyOrganisation
from civil_society.models.programme import (
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDSession,
    FriendsRepresentative,
    PeoplesGlobalActionDocument,
    Recommendation,
)
from civil_society.models.selection import ProposalEntry, SelectionPolicy, SelectionProposal

__all__ = [
    "AdvisoryCommitteeMember",
    "Application",
    "CSDEdition",
    "CSDSession",
    "CivilSocietyOrganisation",
    "CommonSpaceParticipant",
    "CommonSpaceSession",
    "Delegate",
    "FriendsRepresentative",
    "PeoplesGlobalActionDocument",
    "ProposalEntry",
    "Recommendation",
    "Review",
    "SelectionPolicy",
    "SelectionProposal",
]
