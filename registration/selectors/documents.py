"""Reads for letters, badges and check-ins (staff-only records: scoped to the Support Unit)."""

from gfmd.platform.roles import is_support_staff
from registration.enums import ParticipantState
from registration.models import Badge, BadgeBatch, CheckIn, Participant, VisaLetter


def visa_letters_for_user(user):
    if not is_support_staff(user):
        return VisaLetter.objects.none()
    return VisaLetter.objects.select_related("participant", "issued_by", "reissue_of")


def badges_for_user(user):
    if not is_support_staff(user):
        return Badge.objects.none()
    return Badge.objects.select_related("participant__category")


def badge_batches_for_user(user):
    if not is_support_staff(user):
        return BadgeBatch.objects.none()
    return BadgeBatch.objects.all()


def check_ins_for_user(user):
    if not is_support_staff(user):
        return CheckIn.objects.none()
    return CheckIn.objects.select_related("participant__category", "checked_in_by")


def check_in_candidates(*, registration_id: int, query: str, limit: int = 20):
    """Approved participants whose name contains `query` (the check-in desk's search)."""
    query = (query or "").strip()
    if len(query) < 2:
        return Participant.objects.none()
    return (
        Participant.objects.filter(
            registration_id=registration_id,
            state=ParticipantState.APPROVED,
            full_name__icontains=query,
        )
        .select_related("category", "country", "organisation")
        .order_by("full_name", "id")[:limit]
    )
