"""Admin for the Civil Society Days: records, organisations (deduplication), the review
screen, the proposed selection and the selection report."""

from civil_society.admin import applications, organisations, records, review  # noqa: F401
