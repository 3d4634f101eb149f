"""Themes, roundtables and sessions. A session is created together with its working paper."""

from django.db import transaction

from gfmd.platform.services.records import record_save
from roundtables.models import Session, WorkingPaper


@transaction.atomic
def session_create(*, actor, session: Session, paper_title: str = "") -> Session:
    record_save(actor=actor, instance=session)
    record_save(
        actor=actor,
        instance=WorkingPaper(
            session=session,
            edition_id=session.roundtable.edition_id,
            title=paper_title or f"{session.code} {session.title}",
        ),
    )
    return session


@transaction.atomic
def session_save(*, actor, session: Session) -> Session:
    """Create (with its paper) or update a session."""
    if session.pk is None:
        return session_create(actor=actor, session=session)
    return record_save(actor=actor, instance=session)
