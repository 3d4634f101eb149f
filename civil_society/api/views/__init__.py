"""Civil Society Days API: thin views that validate, then call a service or a selector."""

from civil_society.api.views.applications import (
    ApplicationViewSet,
    CivilSocietyOrganisationViewSet,
    ReviewViewSet,
)
from civil_society.api.views.programme import (
    AdvisoryCommitteeMemberViewSet,
    CommonSpaceParticipantViewSet,
    CommonSpaceSessionViewSet,
    CSDEditionViewSet,
    CSDSessionViewSet,
    FriendsRepresentativeViewSet,
    PeoplesGlobalActionDocumentViewSet,
    RecommendationViewSet,
)
from civil_society.api.views.selection import (
    DelegateViewSet,
    ProposalEntryViewSet,
    SelectionPolicyViewSet,
    SelectionProposalViewSet,
)

__all__ = [
    "AdvisoryCommitteeMemberViewSet",
    "ApplicationViewSet",
    "CSDEditionViewSet",
    "CSDSessionViewSet",
    "CivilSocietyOrganisationViewSet",
    "CommonSpaceParticipantViewSet",
    "CommonSpaceSessionViewSet",
    "DelegateViewSet",
    "FriendsRepresentativeViewSet",
    "PeoplesGlobalActionDocumentViewSet",
    "ProposalEntryViewSet",
    "RecommendationViewSet",
    "ReviewViewSet",
    "SelectionPolicyViewSet",
    "SelectionProposalViewSet",
]
