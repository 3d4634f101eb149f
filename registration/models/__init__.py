from registration.models.credentials import Credential
from registration.models.participants import Participant, PassportData
from registration.models.registrations import ParticipantCategory, Quota, Registration

__all__ = [
    "Credential",
    "ParticipantCategory",
    "PassportData",
    "Participant",
    "Quota",
    "Registration",
]
