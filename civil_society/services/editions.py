"""CSD editions: saved with the Forum's start date copied, so the database can check order."""

from django.db import transaction

from civil_society.models import CSDEdition
from gfmd.platform.services.records import record_save


@transaction.atomic
def csd_edition_save(*, actor, csd_edition: CSDEdition) -> CSDEdition:
    """Create or update a CSD edition; refreshes the copy of the Forum's start date."""
    if csd_edition.edition_id:
        csd_edition.forum_start_date = csd_edition.edition.start_date
    return record_save(actor=actor, instance=csd_edition)
