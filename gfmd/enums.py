"""Choices of the governance core. No imports from the app: models, rules and tests read these."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gfmd.platform.transitions import Transition, TransitionTable


class DevelopmentStatus(models.TextChoices):
    DEVELOPED = "developed", _("Developed")
    DEVELOPING = "developing", _("Developing")


class UNStatus(models.TextChoices):
    MEMBER = "member", _("UN member state")
    OBSERVER_STATE = "observer_state", _("UN observer state")
    NON_MEMBER = "non_member", _("Other area (not a state)")


# UN members and observer states take part as governments; other areas do not.
STATE_STATUSES = (UNStatus.MEMBER, UNStatus.OBSERVER_STATE)

# The five M49 regions; the balance policy names regions from this list.
M49_REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")


class OrganisationKind(models.TextChoices):
    UN_AGENCY = "un_agency", _("UN agency, fund or programme")
    UN_OFFICE = "un_office", _("UN Secretariat office")
    INTERGOVERNMENTAL = "intergovernmental", _("Other international organisation")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    OTHER = "other", _("Other")


class FocalPointRole(models.TextChoices):
    FOCAL_POINT = "focal_point", _("Focal point")
    ALTERNATE = "alternate", _("Alternate focal point")
    HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")


class FriendsRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participating government")
    OBSERVER = "observer", _("Observer organisation")


class MeetingBody(models.TextChoices):
    STEERING_GROUP = "steering_group", _("Steering Group")
    FRIENDS_OF_THE_FORUM = "friends_of_the_forum", _("Friends of the Forum")
    TROIKA = "troika", _("Troika")
    FORUM = "forum", _("Forum (government meeting)")
    WORKING_GROUP = "working_group", _("Working / ad hoc group")


class AttendanceRole(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    INVITED_GUEST = "invited_guest", _("Invited guest")
    # A stakeholder mechanism's own role: neither member nor observer.
    MECHANISM = "mechanism", _("Stakeholder mechanism")


class MechanismOrganisationRole(models.TextChoices):
    HOST = "host", _("Host")
    CO_STEERING = "co_steering", _("Co-steering organisation")
    COORDINATOR = "coordinator", _("Coordinator")


class MechanismBody(models.TextChoices):
    """The bodies a stakeholder mechanism sits in with a role of its own."""

    STEERING_GROUP = "steering_group", _("Steering Group")
    FRIENDS_OF_THE_FORUM = "friends_of_the_forum", _("Friends of the Forum")


class LocalGovernmentKind(models.TextChoices):
    CITY = "city", _("City or municipality")
    REGION = "region", _("Region or province")


class MigrationPerspective(models.TextChoices):
    ORIGIN = "origin", _("Origin")
    TRANSIT = "transit", _("Transit")
    DESTINATION = "destination", _("Destination")


class WorkingGroupStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CONCLUDED = "concluded", _("Concluded")
    DISSOLVED = "dissolved", _("Dissolved")


# A working group ends with its deliverable or its term (concluded) or is wound up early
# (dissolved); staff record either.
WORKING_GROUP_TRANSITIONS = TransitionTable(
    "gfmd.workinggroup",
    "status",
    Transition(
        "conclude",
        _("Conclude"),
        (WorkingGroupStatus.ACTIVE,),
        WorkingGroupStatus.CONCLUDED,
        "gfmd.change_workinggroup",
    ),
    Transition(
        "dissolve",
        _("Dissolve"),
        (WorkingGroupStatus.ACTIVE,),
        WorkingGroupStatus.DISSOLVED,
        "gfmd.change_workinggroup",
    ),
)


class DecisionOutcome(models.TextChoices):
    """What a meeting did with the matter on its agenda item."""

    ADOPTED = "adopted", _("Adopted")
    ENDORSED = "endorsed", _("Endorsed")
    NOTED = "noted", _("Noted")
    REJECTED = "rejected", _("Rejected")


# Outcomes that carry a matter forward (an endorsement of a candidature, an adopted text).
APPROVING_OUTCOMES = (DecisionOutcome.ADOPTED, DecisionOutcome.ENDORSED)


class CandidatureState(models.TextChoices):
    OFFERED = "offered", _("Offered")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
    ENDORSED = "endorsed", _("Endorsed by the Steering Group")
    CONFIRMED = "confirmed", _("Confirmed")
    IN_OFFICE = "in_office", _("In office")
    HANDED_OVER = "handed_over", _("Handed over")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DECLINED = "declined", _("Declined")


# A candidature in these states shows on the troika's seat as a candidate, not a chair.
CANDIDATE_STATES = (
    CandidatureState.OFFERED,
    CandidatureState.UNDER_CONSIDERATION,
    CandidatureState.ENDORSED,
)
# From confirmation on, the government is (or was) the edition's chair.
CHAIR_STATES = (
    CandidatureState.CONFIRMED,
    CandidatureState.IN_OFFICE,
    CandidatureState.HANDED_OVER,
)
ACTIVE_CANDIDATURE_STATES = (
    *CANDIDATE_STATES,
    CandidatureState.CONFIRMED,
    CandidatureState.IN_OFFICE,
)

P_CANDIDATURE = "gfmd.transition_candidature"

CANDIDATURE_TRANSITIONS = TransitionTable(
    "gfmd.candidature",
    "state",
    Transition(
        "consider",
        _("Consider"),
        (CandidatureState.OFFERED,),
        CandidatureState.UNDER_CONSIDERATION,
        P_CANDIDATURE,
    ),
    Transition(
        "endorse",
        _("Endorse"),
        (CandidatureState.UNDER_CONSIDERATION,),
        CandidatureState.ENDORSED,
        P_CANDIDATURE,
    ),
    Transition(
        "confirm",
        _("Confirm"),
        (CandidatureState.ENDORSED,),
        CandidatureState.CONFIRMED,
        P_CANDIDATURE,
    ),
    Transition(
        "take_office",
        _("Take office"),
        (CandidatureState.CONFIRMED,),
        CandidatureState.IN_OFFICE,
        P_CANDIDATURE,
    ),
    Transition(
        "hand_over",
        _("Hand over"),
        (CandidatureState.IN_OFFICE,),
        CandidatureState.HANDED_OVER,
        P_CANDIDATURE,
    ),
    Transition(
        "withdraw",
        _("Withdraw"),
        (
            CandidatureState.OFFERED,
            CandidatureState.UNDER_CONSIDERATION,
            CandidatureState.ENDORSED,
            CandidatureState.CONFIRMED,
        ),
        CandidatureState.WITHDRAWN,
        P_CANDIDATURE,
    ),
    Transition(
        "decline",
        _("Decline"),
        (CandidatureState.OFFERED, CandidatureState.UNDER_CONSIDERATION),
        CandidatureState.DECLINED,
        P_CANDIDATURE,
    ),
)
