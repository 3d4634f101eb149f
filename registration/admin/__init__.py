"""Admin for registration: registrations with their categories and quotas at a glance, the
review queue of participants, credentials; visa letters, badges and the check-in desk."""

from registration.admin import (  # noqa: F401
    checkin,
    credentials,
    letters,
    participants,
    plain,
    registrations,
)
