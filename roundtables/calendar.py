"""iCalendar (RFC 5545) events for roundtable sessions: one event per meeting slot.

Built with gfmd's calendar helpers so the session feed looks like the meetings feed
(same PRODID, refresh interval). Sessions without a slot are left out.
"""

from django.utils import timezone
from icalendar import Event

from gfmd.platform.calendar import build_calendar
from roundtables.enums import CoChairState


def session_event(session, domain: str) -> Event:
    event = Event()
    event.add("uid", f"rt-session-{session.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("summary", f"{session.code}: {session.title}")
    event.add("dtstart", session.slot_start)
    if session.slot_end:
        event.add("dtend", session.slot_end)
    if session.room:
        event.add("location", session.room)
    cochairs = [c.country.name for c in session.cochairs.all() if c.state == CoChairState.CONFIRMED]
    lines = [
        str(session.roundtable.edition.title),
        f"Roundtable {session.roundtable.number}: {session.roundtable.title}",
    ]
    if session.theme_id:
        lines.append(f"Theme: {session.theme.name}")
    if cochairs:
        lines.append("Co-chairs: " + ", ".join(cochairs))
    event.add("description", "\n".join(lines))
    event.add("categories", ["Roundtable"])
    return event


def sessions_calendar(sessions, domain: str, name: str = "GFMD roundtable sessions") -> bytes:
    """The calendar of the given sessions (those with a meeting slot)."""
    return build_calendar(
        name, (session_event(x, domain) for x in sessions if x.slot_start is not None)
    )
