"""iCalendar (RFC 5545) feeds: meetings per edition and per body, for calendar apps.

Calendar clients cannot log in, so each user gets personal feed URLs carrying a signed
token (`feed_token`). The feed shows what that user may see, now: a revoked focal point's
feed empties itself. Other apps add events through `CALENDAR_SOURCES`.
"""

from datetime import timedelta

from django.core import signing
from django.utils import timezone
from icalendar import Calendar, Event

SALT = "gfmd.calendar-feed"


def feed_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=SALT, compress=True)


def user_id_from_token(token: str) -> int | None:
    try:
        return signing.loads(token, salt=SALT)["u"]
    except (signing.BadSignature, KeyError, TypeError):
        return None


def meeting_event(meeting, domain: str) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.start_date)
    event.add("dtend", (meeting.end_date or meeting.start_date) + timedelta(days=1))
    if meeting.is_virtual and not meeting.city:
        event.add("location", meeting.virtual_link or "Online")
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
