"""iCalendar (RFC 5545) feeds: meetings per edition and per body, for calendar apps.

Calendar clients cannot log in, so each user gets personal feed URLs carrying a signed
token (`feed_token`). The feed shows what that user may see, now: a revoked focal point's
feed empties itself. Other apps add events through `CALENDAR_SOURCES`.

A token names the user's current feed key (`CalendarFeedKey`) and is signed with a
timestamp: it stops working after GFMD_FEED_TOKEN_DAYS, or at once when the user revokes
their feeds (`feed_tokens_revoke` gives a new key, so every URL issued before dies).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from gfmd.platform.models import CalendarFeedKey
from gfmd.platform.models.feeds import new_feed_key

SALT = "gfmd.platform.calendar-feed"


def feed_token_lifetime() -> timedelta:
    return timedelta(days=settings.GFMD_FEED_TOKEN_DAYS)


# A user who never revoked has no key row: their tokens carry this initial key, which the
# first revocation replaces (one read per token, no write on a GET).
INITIAL_KEY = "0"


def _current_key(user_id) -> str:
    key = CalendarFeedKey.objects.filter(user_id=user_id).values_list("key", flat=True).first()
    return key or INITIAL_KEY


def feed_token(user) -> str:
    return signing.dumps({"u": user.pk, "k": _current_key(user.pk)}, salt=SALT, compress=True)


def feed_tokens_revoke(*, user) -> None:
    """Every feed URL the user was given stops working; the next ones use a new key."""
    CalendarFeedKey.objects.update_or_create(user=user, defaults={"key": new_feed_key()})


def user_id_from_token(token: str) -> int | None:
    """The user whose current, unexpired token this is; None for anything else."""
    try:
        data = signing.loads(token, salt=SALT, max_age=feed_token_lifetime())
        user_id, key = data["u"], data["k"]
    except (signing.BadSignature, KeyError, TypeError):  # SignatureExpired included
        return None
    if key != _current_key(user_id):
        return None
    return user_id


def meeting_event(meeting, domain: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.start_date)
    event.add("dtend", (meeting.end_date or meeting.start_date) + timedelta(days=1))
    if meeting.is_virtual and not meeting.city:
        event.add("location", meeting.virtual_link or _("Online"))
    else:
        event.add("location", ", ".join(filter(None, [meeting.city, str(meeting.country or "")])))
    agenda = "\n".join(f"{i.position}. {i.title}" for i in meeting.agenda_items.all())
    event.add("description", f"{meeting.get_body_display()}\n\n{agenda}".strip())
    event.add("categories", [meeting.get_body_display()])
    if meeting.virtual_link:
        event.add("url", meeting.virtual_link)
    return event


def build_calendar(name: str, events) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//GFMD Support Unit//Coordination service//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
