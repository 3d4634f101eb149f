"""The platform kernel every app builds on: errors, the transition engine, the activity log,
notifications, webhooks, the API kernel (authentication, permissions, errors, pagination,
safe writes, schema), the admin base, exports, calendars and login security.

It imports no domain app (not the governance core in `gfmd`, not `roundtables`, not
`civil_society`): tests/test_layers.py fails otherwise.
"""
