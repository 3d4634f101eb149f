"""Admin for registration: registrations with their categories and quotas at a glance, the
review queue of participants, credentials."""

from registration.admin import credentials, participants, registrations  # noqa: F401
