"""Outgoing email, one Notification row per recipient and purpose.

The row is written in the caller's transaction and is the sent-marker: its unique `key`
stops duplicates, and delivery (a Celery task, enqueued on commit) sends only rows not yet
sent. A failure is recorded on the row for staff to see, then retried with backoff.

Language: an email is written in its recipient's language (`language_for(user)`: their
saved preference, else their focal-point record's language, else English). Callers pass
`render`, a function returning `(subject, body)`, and `notify` calls it inside
`translation.override(...)`, so every `gettext` and template in it speaks that language:

    notify(key=..., email=user.email, user=user,
           render=lambda: (_("Invitation: %(title)s") % {"title": m.title}, body_for(m)))

`language=` forces a language (an address with no account: a partner's contact).
"""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from gfmd.platform.enums import NotificationStatus
from gfmd.platform.languages import language_for
from gfmd.platform.models import Notification
from gfmd.platform.queue import enqueue_on_commit

DELIVER_TASK = "gfmd.deliver_notification"


class DeliveryFailed(Exception):
    """The mail backend refused; the row records why and the task retries."""


def notify(
    *,
    key: str,
    email: str,
    subject: str = "",
    body: str = "",
    user=None,
    render: Callable[[], tuple[str, str]] | None = None,
    language: str | None = None,
) -> Notification | None:
    """Queue one email unless one with this key exists already. Returns the new row or None.

    `render()` -> (subject, body) runs in the recipient's language (module docstring);
    `subject`/`body` given directly are taken as written (lazy strings are resolved in that
    language too)."""
    if not email:
        return None
    if render is not None or isinstance(subject, Promise) or isinstance(body, Promise):
        with translation.override(language or language_for(user)):
            if render is not None:
                subject, body = render()
            subject, body = str(subject), str(body)
    notification, created = Notification.objects.get_or_create(
        key=key[:200],
        defaults={
            "recipient_email": email,
            "recipient_user": user,
            "subject": subject[:250],
            "body": body,
        },
    )
    if not created:
        return None
    enqueue_on_commit(DELIVER_TASK, notification_id=notification.pk)
    return notification


def notification_deliver(*, notification_id: int) -> str:
    """Send one notification if still due. Idempotent: a sent row is never sent again."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status in (
            NotificationStatus.SENT,
            NotificationStatus.GAVE_UP,
        ):
            return "skipped"
        notification.attempts += 1
        try:
            EmailMessage(
                subject=notification.subject,
                body=notification.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[notification.recipient_email],
                headers={"X-GFMD-Notification": notification.key},
            ).send()
        except Exception as exc:  # any backend failure is recorded, never lost
            gave_up = notification.attempts >= settings.GFMD_NOTIFICATION_MAX_ATTEMPTS
            notification.status = (
                NotificationStatus.GAVE_UP if gave_up else NotificationStatus.FAILED
            )
            notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            notification.save(update_fields=["attempts", "status", "last_error"])
            failure = exc
        else:
            notification.status = NotificationStatus.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
            notification.save(update_fields=["attempts", "status", "sent_at", "last_error"])
            return "sent"
    if notification.status == NotificationStatus.FAILED:
        raise DeliveryFailed(notification.last_error) from failure
    return "gave_up"


def notifications_retry(*, notifications) -> int:
    """Re-queue failed or stuck notifications (staff action and the periodic sweep)."""
    count = 0
    for notification in notifications:
        if notification.status in (NotificationStatus.SENT,):
            continue
        if notification.status == NotificationStatus.GAVE_UP:
            Notification.objects.filter(pk=notification.pk).update(status=NotificationStatus.FAILED)
        enqueue_on_commit(DELIVER_TASK, notification_id=notification.pk)
        count += 1
    return count
