from registration.admin import checkin, letters  # noqa: F401
