"""The GFMD coordination service's project package, in three rooms:

- `gfmd.config`: the project configuration (settings, urls, Celery, wsgi, middleware);
- `gfmd.platform`: the kernel every app builds on (imports no domain app);
- the rest of `gfmd` (models, services, selectors, rules, api, admin): the governance core.
"""

from .config.celery import app as celery_app

__all__ = ["celery_app"]
