"""Django's PostgreSQL backend with the connection health check run at most once per
interval (see base.py)."""
