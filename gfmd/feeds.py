"""Calendar feed views (outside the JSON API: calendar apps fetch plain .ics URLs)."""

from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gfmd.enums import MeetingBody
from gfmd.platform.calendar import build_calendar, meeting_event, user_id_from_token
from gfmd.platform.languages import saved_language, supported_language
from gfmd.selectors.records import meetings_for_user


@require_GET
def meetings_feed(request, token: str):
    """Meetings the token's user may see; ?edition=<id> and ?body=<body> narrow it."""
    user = get_user_model().objects.filter(pk=user_id_from_token(token), is_active=True).first()
    if user is None:
        raise Http404(_("Unknown, expired or revoked calendar feed."))
    # the calendar's language: ?lang=, else the user's saved one, else Accept-Language
    language = supported_language(request.GET.get("lang")) or saved_language(user)
    with translation.override(language or translation.get_language()):
        return _feed_response(request, user)


def _feed_response(request, user):
    meetings = meetings_for_user(user)
    edition = request.GET.get("edition")
    body = request.GET.get("body")
    if edition:
        if not edition.isdigit():
            raise Http404(_("Unknown edition."))
        meetings = meetings.filter(edition_id=int(edition))
    if body:
        if body not in MeetingBody.values:
            raise Http404(_("Unknown body."))
        meetings = meetings.filter(body=body)
    name = _("GFMD meetings")
    if body:
        name = _("GFMD meetings - %(body)s") % {"body": MeetingBody(body).label}
    domain = request.get_host().split(":")[0] or "gfmd"
    content = build_calendar(name, (meeting_event(m, domain) for m in meetings))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gfmd-meetings.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["Content-Language"] = translation.get_language()
    return response
