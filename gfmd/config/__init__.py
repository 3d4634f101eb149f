"""The project configuration: settings, URLs, WSGI/ASGI, the Celery app, middleware, and the
database and cache adapters. It may import everything; nothing imports it but Django."""
