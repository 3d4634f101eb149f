"""iCalendar (RFC 5545) events for roundtable sessions: one event per meeting slot.

Built with gfmd's calendar helpers so the session feed looks like the meetings feed
(same PRODID, refresh interval). Sessions without a slot are left out.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
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
        _("Roundtable %(number)d: %(title)s")
        % {"number": session.roundtable.number, "title": session.roundtable.title},
    ]
    if session.theme_id:
        lines.append(_("Theme: %(theme)s") % {"theme": session.theme.name})
    if cochairs:
        lines.append(_("Co-chairs: %(countries)s") % {"countries": ", ".join(cochairs)})
    event.add("description", "\n".join(lines))
    event.add("categories", [_("Roundtable")])
    return event


def sessions_calendar(sessions, domain: str, name: str | None = None) -> bytes:
    """The calendar of the given sessions (those with a meeting slot), its texts in the
    active language (the request's)."""
    return build_calendar(
        name or _("GFMD roundtable sessions"),
        (session_event(x, domain) for x in sessions if x.slot_start is not None),
    )
