"""The governance core's records. Django loads an app's models from `<app>.models`, so the
platform's models (gfmd/platform/models) are imported here to be registered too."""

from gfmd.models.candidatures import Candidature
from gfmd.models.countries import Country
from gfmd.models.decisions import MeetingDecision
from gfmd.models.editions import Edition, EditionChair
from gfmd.models.friends import FriendsParticipation
from gfmd.models.local_governments import LocalGovernment
from gfmd.models.mechanisms import Mechanism, MechanismOrganisation, MechanismParticipation
from gfmd.models.meetings import AgendaItem, Attendance, Meeting
from gfmd.models.organisations import Organisation
from gfmd.models.people import FocalPoint
from gfmd.models.steering import BalancePolicy, SteeringGroupMembership
from gfmd.models.translation_policy import RequiredTranslation
from gfmd.models.working_groups import WorkingGroup, WorkingGroupChair, WorkingGroupMember
from gfmd.platform import models as platform_models  # noqa: F401 (registers the platform's models)

__all__ = [
    "AgendaItem",
    "Attendance",
    "BalancePolicy",
    "Candidature",
    "Country",
    "Edition",
    "EditionChair",
    "FocalPoint",
    "FriendsParticipation",
    "LocalGovernment",
    "Mechanism",
    "MechanismOrganisation",
    "MechanismParticipation",
    "Meeting",
    "MeetingDecision",
    "Organisation",
    "RequiredTranslation",
    "SteeringGroupMembership",
    "WorkingGroup",
    "WorkingGroupChair",
    "WorkingGroupMember",
]
