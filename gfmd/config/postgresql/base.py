"""Django's PostgreSQL backend, with its health check run at most once per interval.

CONN_HEALTH_CHECKS makes Django run `SELECT 1` before the first query of every request
on a reused connection, so that a connection PostgreSQL dropped (a restart, a failover)
is replaced without an error. That is a second round trip on every request, as costly
for PostgreSQL as the page itself on a short read. Here a connection checked less than
`DATABASE_HEALTH_CHECK_INTERVAL` seconds ago (default 1; 0 checks every request, as
Django does) is not checked again. A connection that dies inside that interval fails the
request that finds it: the middleware answers 503 and closes it
(gfmd/config/middleware.py), and the next request connects afresh, as for a failure in
the middle of a request, which no check can prevent.
"""

import time

from django.conf import settings
from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    checked_at: float | None = None

    def close_if_health_check_failed(self):
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return super().close_if_health_check_failed()
        now = time.monotonic()
        interval = getattr(settings, "DATABASE_HEALTH_CHECK_INTERVAL", 1.0)
        if self.checked_at is not None and now - self.checked_at < interval:
            self.health_check_done = True
            return None
        super().close_if_health_check_failed()
        self.checked_at = now
        return None

    def connect(self):
        super().connect()
        self.checked_at = time.monotonic()  # a new connection needs no check
