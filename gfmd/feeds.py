"""Calendar feed views (outside the JSON API: calendar apps fetch plain .ics URLs)."""

from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from gfmd.enums import MeetingBody
from gfmd.platform.calendar import build_calendar, meeting_event, user_id_from_token
from gfmd.selectors.records import meetings_for_user


@require_GET
def meetings_feed(request, token: str):
    """Meetings the token's user may see; ?edition=<id> and ?body=<body> narrow it."""
    user = get_user_model().objects.filter(pk=user_id_from_token(token), is_active=True).first()
    if user is None:
        raise Http404("Unknown, expired or revoked calendar feed.")
    meetings = meetings_for_user(user)
    edition = request.GET.get("edition")
    body = request.GET.get("body")
    if edition:
        if not edition.isdigit():
            raise Http404("Unknown edition.")
        meetings = meetings.filter(edition_id=int(edition))
    if body:
        if body not in MeetingBody.values:
            raise Http404("Unknown body.")
        meetings = meetings.filter(body=body)
    name = "GFMD meetings" + (f" - {MeetingBody(body).label}" if body else "")
    domain = request.get_host().split(":")[0] or "gfmd"
    content = build_calendar(name, (meeting_event(m, domain) for m in meetings))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gfmd-meetings.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
