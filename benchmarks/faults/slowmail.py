"""An email backend for the worker fault run: marks each send as started, waits, then writes
the message like Django's file backend. The wait is the window in which the worker is killed."""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SlowFileBackend(EmailBackend):
    def send_messages(self, email_messages):
        markers = Path(os.environ["SLOWMAIL_MARKERS"])
        for message in email_messages:
            key = message.extra_headers.get("X-GFMD-Notification", "unknown")
            with open(markers / "started.log", "a") as log:
                log.write(f"{key} {os.getpid()} {time.time():.3f}\n")
        time.sleep(float(os.environ.get("SLOWMAIL_SECONDS", "3")))
        return super().send_messages(email_messages)
