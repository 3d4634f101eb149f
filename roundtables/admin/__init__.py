from roundtables.admin import papers, programme, translations  # noqa: F401  (registers the admins)
