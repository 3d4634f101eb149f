from roundtables.admin import papers, programme  # noqa: F401  (registers the admins)
