"""Admin for the Civil Society Days: records, organisations (deduplication), the review
screen, the proposed selection and the selection report."""

from civil_society.admin import (  # noqa: F401  (registers the admins and plain wording)
    applications,
    organisations,
    plain,
    records,
    review,
)
