"""`celery worker` with the broker's visibility timeout taken from FAULT_VISIBILITY_TIMEOUT,
for the fault run only (production keeps settings.CELERY_BROKER_TRANSPORT_OPTIONS)."""

import os
import sys

from gfmd.config.celery import app

app.conf.broker_transport_options = {
    **(app.conf.broker_transport_options or {}),
    "visibility_timeout": int(os.environ["FAULT_VISIBILITY_TIMEOUT"]),
}
app.worker_main(sys.argv[1:])
