"""Practice moderation through the one transition engine: every step, the reason a
return needs, resubmission, activity, webhooks and the submitter's email in their language."""

import pytest
from django.core import mail

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import ActivityLog, UserPreference, WebhookEndpoint, WebhookEvent
from partnerships.enums import PracticeState
from partnerships.models import Practice
from partnerships.services.practices import practice_submit, practice_transition
from tests.factories import UserFactory, country

pytestmark = pytest.mark.django_db


def _submit(actor, edition, **extra):
    fields = {
        "title": "Skills partnerships",
        "summary": "Morocco and Belgium train migrant workers.",
        "countries": [country("MAR"), country("BEL")],
        "source_edition": edition,
        "contact_email": "",
        **extra,
    }
    practice, created = practice_submit(actor=actor, **fields)
    assert created
    return practice


def test_practice_goes_submitted_review_published(staff, edition):
    practice = _submit(staff, edition)
    assert practice.state == PracticeState.SUBMITTED
    practice_transition(actor=staff, practice=practice, name="start_review")
    practice_transition(actor=staff, practice=practice, name="publish")
    practice.refresh_from_db()
    assert practice.state == PracticeState.PUBLISHED and practice.published_at is not None
    actions = list(
        ActivityLog.objects.filter(object_id=str(practice.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["practice.submit", "practice.start_review", "practice.publish"]


def test_return_needs_a_reason_and_writes_nothing_without_it(staff, edition):
    practice = _submit(staff, edition)
    with pytest.raises(DomainError) as refused:
        practice_transition(actor=staff, practice=practice, name="return", reason="  ")
    assert refused.value.field == "reason"
    practice.refresh_from_db()
    assert practice.state == PracticeState.SUBMITTED and practice.return_reason == ""


def test_returned_practice_is_resubmitted_and_the_reason_cleared(staff, edition):
    practice = _submit(staff, edition)
    practice_transition(actor=staff, practice=practice, name="return", reason="Add partners.")
    practice.refresh_from_db()
    assert practice.state == PracticeState.RETURNED
    assert practice.return_reason == "Add partners."
    practice_transition(actor=staff, practice=practice, name="resubmit")
    practice.refresh_from_db()
    assert practice.state == PracticeState.SUBMITTED and practice.return_reason == ""


def test_publish_from_submitted_is_refused(staff, edition):
    practice = _submit(staff, edition)
    with pytest.raises(ConflictError):
        practice_transition(actor=staff, practice=practice, name="publish")


def test_archived_practice_cannot_be_published_again(staff, edition):
    practice = _submit(staff, edition)
    practice_transition(actor=staff, practice=practice, name="archive")
    with pytest.raises(ConflictError):
        practice_transition(actor=staff, practice=practice, name="start_review")


def test_database_refuses_a_returned_practice_without_reason(staff, edition):
    from django.db import IntegrityError, transaction

    practice = _submit(staff, edition)
    with pytest.raises(IntegrityError), transaction.atomic():
        Practice.objects.filter(pk=practice.pk).update(state=PracticeState.RETURNED)


def test_database_refuses_a_practice_without_gfmd_source(staff):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Practice.objects.create(title="x", summary="y", is_global=True)


def test_global_xor_countries_is_checked(staff, edition):
    with pytest.raises(DomainError):
        _submit(staff, edition, is_global=True)
    with pytest.raises(DomainError):
        _submit(staff, edition, countries=[])
    practice = _submit(staff, edition, is_global=True, countries=[])
    assert practice.is_global and not practice.countries.exists()
    assert Practice.objects.count() == 1


def test_returned_email_is_in_the_submitters_language(
    staff, edition, django_capture_on_commit_callbacks
):
    submitter = UserFactory(email="amina@example.org")
    UserPreference.objects.create(user=submitter, language="fr")
    practice = _submit(submitter, edition)
    with django_capture_on_commit_callbacks(execute=True):
        practice_transition(actor=staff, practice=practice, name="return", reason="Précisez.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]
    assert mail.outbox[0].subject.startswith("Votre pratique a été renvoyée")


def test_state_changes_emit_practice_webhooks(staff, edition):
    WebhookEndpoint.objects.create(
        url="https://hooks.example.org/p",
        event_types=["practice.submitted", "practice.state_changed"],
        secret="whsec_eA==",
    )
    practice = _submit(staff, edition)
    practice_transition(actor=staff, practice=practice, name="start_review")
    events = dict(WebhookEvent.objects.values_list("event_type", "payload"))
    assert set(events) == {"practice.submitted", "practice.state_changed"}
    assert events["practice.submitted"]["data"]["practice"] == practice.pk
    assert events["practice.state_changed"]["data"]["previous_state"] == "submitted"
    assert events["practice.state_changed"]["data"]["state"] == "in_review"
