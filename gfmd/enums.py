"""Choices of the governance core. No imports from the app: models, rules and tests read these."""

from django.db import models


class DevelopmentStatus(models.TextChoices):
    DEVELOPED = "developed", "Developed"
    DEVELOPING = "developing", "Developing"


class UNStatus(models.TextChoices):
    MEMBER = "member", "UN member state"
    OBSERVER_STATE = "observer_state", "UN observer state"
    NON_MEMBER = "non_member", "Other area (not a state)"


# UN members and observer states take part as governments; other areas do not.
STATE_STATUSES = (UNStatus.MEMBER, UNStatus.OBSERVER_STATE)

# The five M49 regions; the balance policy names regions from this list.
M49_REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")


class OrganisationKind(models.TextChoices):
    UN_AGENCY = "un_agency", "UN agency, fund or programme"
    UN_OFFICE = "un_office", "UN Secretariat office"
    INTERGOVERNMENTAL = "intergovernmental", "Other international organisation"
    CIVIL_SOCIETY = "civil_society", "Civil-society organisation"
    OTHER = "other", "Other"


class FocalPointRole(models.TextChoices):
    FOCAL_POINT = "focal_point", "Focal point"
    ALTERNATE = "alternate", "Alternate focal point"
    HEAD_OF_DELEGATION = "head_of_delegation", "Head of delegation"


class FriendsRole(models.TextChoices):
    PARTICIPANT = "participant", "Participating government"
    OBSERVER = "observer", "Observer organisation"


class MeetingBody(models.TextChoices):
    STEERING_GROUP = "steering_group", "Steering Group"
    FRIENDS_OF_THE_FORUM = "friends_of_the_forum", "Friends of the Forum"
    TROIKA = "troika", "Troika"
    FORUM = "forum", "Forum (government meeting)"
    WORKING_GROUP = "working_group", "Working / ad hoc group"


class AttendanceRole(models.TextChoices):
    MEMBER = "member", "Member"
    OBSERVER = "observer", "Observer"
    INVITED_GUEST = "invited_guest", "Invited guest"
