"""Session calendars: the iCalendar renderer and the signed-token feed for calendar apps.

Calendar apps cannot log in, so `/api/v1/roundtables-feeds/<token>/sessions.ics` takes
the personal token of `gfmd.platform.calendar.feed_token` (the one the meetings feed uses) and
shows the sessions that user may see now. Logged-in API callers use
`GET /api/v1/sessions/calendar.ics/` instead.
"""

import json

from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from rest_framework.renderers import BaseRenderer

from gfmd.platform.calendar import user_id_from_token
from roundtables.calendar import sessions_calendar
from roundtables.selectors.programme import sessions_for_user

CONTENT_TYPE = "text/calendar; charset=utf-8"


class ICalendarRenderer(BaseRenderer):
    """Lets `Accept: text/calendar` through content negotiation; errors stay JSON text."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data, default=str).encode()


def edition_filter(sessions, raw: str | None):
    """Narrow to ?edition=<id>; None when the value is not an id."""
    if not raw:
        return sessions
    if not raw.isdigit():
        return None
    return sessions.filter(roundtable__edition_id=int(raw))


def calendar_response(sessions, request) -> HttpResponse:
    domain = request.get_host().split(":")[0] or "gfmd"
    response = HttpResponse(sessions_calendar(sessions, domain), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="gfmd-roundtable-sessions.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_GET
def sessions_feed(request, token: str):
    """Sessions the token's user may see; ?edition=<id> narrows it."""
    user = get_user_model().objects.filter(pk=user_id_from_token(token), is_active=True).first()
    if user is None:
        raise Http404(_("Unknown or revoked calendar feed."))
    sessions = edition_filter(sessions_for_user(user), request.GET.get("edition"))
    if sessions is None:
        raise Http404(_("Unknown edition."))
    return calendar_response(sessions, request)
