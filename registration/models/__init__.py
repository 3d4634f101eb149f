from registration.models.checkin import CheckIn, CheckInMethod, OfflineScan, ScanOutcome
from registration.models.credentials import Credential
from registration.models.documents import Badge, BadgeBatch, BatchState, VisaLetter
from registration.models.participants import Participant, PassportData
from registration.models.registrations import ParticipantCategory, Quota, Registration

__all__ = [
    "Badge",
    "BadgeBatch",
    "BatchState",
    "CheckIn",
    "CheckInMethod",
    "OfflineScan",
    "ScanOutcome",
    "VisaLetter",
    "Credential",
    "ParticipantCategory",
    "PassportData",
    "Participant",
    "Quota",
    "Registration",
]
