"""Put a working paper into any state directly (for state-machine and permission tests)."""

import hashlib
from datetime import timedelta

from django.utils import timezone

from roundtables.enums import FINAL_STATES, PaperState, VersionKind
from roundtables.models import Input, PaperVersion


def add_text_version(paper, text="Draft text\n", number=None) -> PaperVersion:
    number = number or (paper.versions.count() + 1)
    return PaperVersion.objects.create(
        paper=paper,
        number=number,
        kind=VersionKind.TEXT,
        text=text,
        size=len(text),
        checksum=hashlib.sha256(text.encode()).hexdigest(),
    )


def set_state(paper, state: str, *, public: bool = False):
    """Move `paper` to `state` with the data that state implies (versions, deadline)."""
    if not paper.versions.exists():
        add_text_version(paper)
    paper.state = state
    if state == PaperState.CONSULTATION:
        paper.consultation_deadline = timezone.now() + timedelta(days=14)
        paper.consultation_round = max(paper.consultation_round, 1)
        # As paper_open_consultation does: the latest version is put out for consultation.
        paper.versions.filter(number=paper.versions.order_by("-number")[0].number).update(
            released=True
        )
    if state in FINAL_STATES:
        paper.final_version = paper.versions.order_by("-number").first()
    paper.is_public = public
    paper.save()
    return paper


def add_input(paper, country=None, organisation=None, decision="", text="Please add data"):
    return Input.objects.create(
        paper=paper,
        consultation_round=paper.consultation_round or 1,
        country=country,
        organisation=organisation,
        text=text,
        evidence="https://example.org/survey-2019",
        decision=decision,
        decision_reason="Evidence-based" if decision else "",
    )
