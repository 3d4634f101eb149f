from partnerships.admin import plain, practices, talks  # noqa: F401  (registers the admin classes)
