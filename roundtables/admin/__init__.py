from roundtables.admin import papers, plain, programme, translations  # noqa: F401  (registers the admins)
