"""Reminders, run by celery beat. Lead times come from the periodic tasks' kwargs (data
staff edit in the admin), never from code. Each reminder has a sent-marker key, so a
daily run mails each recipient once."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.models import Edition
from roundtables.enums import SEAT_WORDS, PaperState
from roundtables.models import WorkingPaper
from roundtables.notifications import notify_user, when
from roundtables.selectors.audience import (
    chair_country_ids,
    focal_point_users,
    paper_audience,
    paper_mechanism_ids,
    support_unit_users,
)
from roundtables.selectors.programme import open_seats, sessions_with_details


def remind_consultation_deadlines(*, days_before: int, now=None) -> int:
    """Remind every consulted body that has not yet sent an input this round."""
    now = now or timezone.now()
    papers = (
        WorkingPaper.objects.filter(
            state=PaperState.CONSULTATION,
            consultation_deadline__gt=now,
            consultation_deadline__lte=now + timedelta(days=days_before),
        )
        .select_related("edition", "session__roundtable__edition")
        .order_by("consultation_deadline", "id")
    )
    sent = 0
    for paper in papers:
        countries, organisations = paper_audience(paper)
        mechanisms = paper_mechanism_ids(paper)
        answered = paper.inputs.filter(consultation_round=paper.consultation_round)
        countries -= set(answered.values_list("country_id", flat=True))
        organisations -= set(answered.values_list("organisation_id", flat=True))
        mechanisms -= set(answered.values_list("mechanism_id", flat=True))
        for user in focal_point_users(countries, organisations, mechanism_ids=mechanisms):
            sent += bool(
                notify_user(
                    user,
                    key=f"rt-deadline:{paper.pk}:{paper.consultation_round}:{user.pk}",
                    build=lambda paper=paper: (
                        _("Consultation closes soon: %(session)s") % {"session": paper.code},
                        _('Inputs to "%(title)s" are due by %(deadline)s.')
                        % {"title": paper.title, "deadline": when(paper.consultation_deadline)},
                    ),
                )
            )
    return sent


def _open_seats_message(edition, sessions, weeks_before: int) -> tuple[str, str]:
    """(subject, body) of the open-seats reminder, in the active language."""
    lines = [
        "  "
        + _("%(session)s %(title)s: open %(seats)s seat")
        % {
            "session": session.code,
            "title": session.title,
            "seats": ", ".join(str(SEAT_WORDS[seat]) for seat in seats),
        }
        for session, seats in sessions
    ]
    subject = _("Open co-chair seats, %(weeks)d weeks before %(edition)s") % {
        "weeks": weeks_before,
        "edition": edition,
    }
    body = (
        _("%(edition)s opens on %(date)s. Sessions without both co-chairs:")
        % {"edition": edition, "date": when(edition.start_date, with_time=False)}
        + "\n"
        + "\n".join(lines)
    )
    return subject, body


def remind_open_seats(*, weeks_before: int, today: date | None = None) -> int:
    """N weeks before a Forum: tell staff and the chair which co-chair seats are still open."""
    today = today or timezone.localdate()
    editions = Edition.objects.filter(
        start_date__gte=today, start_date__lte=today + timedelta(weeks=weeks_before)
    ).order_by("start_date", "id")
    sent = 0
    for edition in editions:
        sessions = []
        for session in (
            sessions_with_details()
            .filter(roundtable__edition=edition)
            .order_by("roundtable__number", "number")
        ):
            seats = open_seats(session)
            if seats:
                sessions.append((session, seats))
        if not sessions:
            continue
        recipients = {u.pk: u for u in support_unit_users()}
        for user in focal_point_users(chair_country_ids(edition)):
            recipients.setdefault(user.pk, user)
        for user in recipients.values():
            sent += bool(
                notify_user(
                    user,
                    key=f"rt-open-seats:{edition.pk}:{weeks_before}w:{user.pk}",
                    build=lambda edition=edition, sessions=sessions: _open_seats_message(
                        edition, sessions, weeks_before
                    ),
                )
            )
    return sent
