"""Reminders, run by celery beat. Lead times come from the periodic tasks' kwargs (data
staff edit in the admin), never from code. Each reminder has a sent-marker key, so a
daily run mails each recipient once."""

from datetime import date, timedelta

from django.utils import timezone

from gfmd.models import Edition
from gfmd.platform.services.notifications import notify
from roundtables.enums import PaperState
from roundtables.models import WorkingPaper
from roundtables.selectors.audience import (
    chair_country_ids,
    edition_audience,
    focal_point_users,
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
        .select_related("session__roundtable__edition")
        .order_by("consultation_deadline", "id")
    )
    sent = 0
    for paper in papers:
        countries, organisations = edition_audience(paper.session.roundtable.edition)
        answered = paper.inputs.filter(consultation_round=paper.consultation_round)
        countries -= set(answered.values_list("country_id", flat=True))
        organisations -= set(answered.values_list("organisation_id", flat=True))
        for user in focal_point_users(countries, organisations):
            sent += bool(
                notify(
                    key=f"rt-deadline:{paper.pk}:{paper.consultation_round}:{user.pk}",
                    email=user.email,
                    user=user,
                    subject=f"Consultation closes soon: {paper.session.code}",
                    body=f'Inputs to "{paper.title}" are due by '
                    f"{paper.consultation_deadline:%d %B %Y %H:%M %Z}.",
                )
            )
    return sent


def remind_open_seats(*, weeks_before: int, today: date | None = None) -> int:
    """N weeks before a Forum: tell staff and the chair which co-chair seats are still open."""
    today = today or timezone.localdate()
    editions = Edition.objects.filter(
        start_date__gte=today, start_date__lte=today + timedelta(weeks=weeks_before)
    ).order_by("start_date", "id")
    sent = 0
    for edition in editions:
        lines = []
        for session in (
            sessions_with_details()
            .filter(roundtable__edition=edition)
            .order_by("roundtable__number", "number")
        ):
            seats = open_seats(session)
            if seats:
                lines.append(f"  {session.code} {session.title}: open {', '.join(seats)} seat")
        if not lines:
            continue
        recipients = {u.pk: u for u in support_unit_users()}
        for user in focal_point_users(chair_country_ids(edition)):
            recipients.setdefault(user.pk, user)
        body = (
            f"{edition} opens on {edition.start_date:%d %B %Y}. Sessions without both "
            "co-chairs:\n" + "\n".join(lines)
        )
        for user in recipients.values():
            sent += bool(
                notify(
                    key=f"rt-open-seats:{edition.pk}:{weeks_before}w:{user.pk}",
                    email=user.email,
                    user=user,
                    subject=f"Open co-chair seats, {weeks_before} weeks before {edition}",
                    body=body,
                )
            )
    return sent
