"""Admin for registration: registrations with their categories and quotas at a glance, the
review queue of participants, credentials; visa letters, badges and the check-in desk."""

from registration.admin import checkin, credentials, letters, participants, registrations  # noqa: F401
