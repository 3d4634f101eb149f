from partnerships.admin import practices, talks  # noqa: F401  (registers the admin classes)
