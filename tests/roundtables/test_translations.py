"""The document translation workflow on working paper versions: request to publication,
the stale-translation notice, the consultation gate, webhooks, reminders, constraints."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import override

from gfmd.models import RequiredTranslation
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import (
    ActivityLog,
    DocumentTranslation,
    Notification,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from gfmd.platform.services import translations as engine
from gfmd.platform.services.webhooks import webhook_endpoint_save
from gfmd.platform.tasks import translation_due_reminders
from gfmd.platform.translations import TranslationKind, TranslationState
from roundtables.enums import MAX_VERSION_TEXT_CHARS, PaperState
from roundtables.models import PaperVersion
from roundtables.services.papers import paper_open_consultation
from roundtables.services.translations import version_translations_request
from tests.factories import UserFactory
from tests.roundtables.factories import add_text_version, docx_bytes, set_state, upload

DEADLINE = timezone.now() + timedelta(days=30)


@pytest.fixture
def drafting(world):
    set_state(world.paper, PaperState.DRAFTING)
    return world


@pytest.fixture
def translator(db):
    return UserFactory(username="translator-fr", email="fr@translators.example")


def _request(world, version, languages=("fr", "es"), **kwargs):
    return version_translations_request(
        actor=world.users["staff"], version=version, languages=list(languages), **kwargs
    )


def _publish(world, translation, translator, text="Texte traduit"):
    staff = world.users["staff"]
    engine.translation_assign(actor=staff, translation=translation, translator=translator)
    engine.translation_transition(actor=staff, translation=translation, name="start")
    engine.translation_transition(
        actor=translator, translation=translation, name="submit", text=text
    )
    return engine.translation_transition(actor=staff, translation=translation, name="publish")


def test_upload_checks_are_the_platforms_and_roundtables_names_alias_them():
    from gfmd.platform import documents, uploads
    from roundtables.services import documents as rt_documents
    from roundtables.services import files as rt_files

    assert rt_documents is documents and rt_files is uploads
    assert documents.MAX_TEXT_CHARS == MAX_VERSION_TEXT_CHARS


def test_workflow_from_request_to_publication(drafting, translator):
    world = drafting
    staff = world.users["staff"]
    version = world.paper.versions.get()
    french, spanish = _request(world, version, due_date=timezone.localdate() + timedelta(days=5))
    assert (french.language, spanish.language) == ("fr", "es")
    assert {french.state, spanish.state} == {TranslationState.REQUESTED}

    engine.translation_assign(actor=staff, translation=french, translator=translator)
    french = engine.translation_transition(actor=staff, translation=french, name="start")
    assert french.state == TranslationState.IN_TRANSLATION
    french = engine.translation_transition(
        actor=translator,
        translation=french,
        name="submit",
        upload=upload("fr.docx", docx_bytes("Document de travail", "Table ronde 1.1")),
    )
    assert french.state == TranslationState.IN_REVIEW
    assert french.text == "Document de travail\nTable ronde 1.1" and french.checksum
    french = engine.translation_transition(actor=staff, translation=french, name="publish")
    assert french.state == TranslationState.PUBLISHED
    assert french.approved_by == staff and french.approved_at is not None

    actions = list(
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(DocumentTranslation),
            object_id=str(french.pk),
        )
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "translation.request",
        "translation.assign",
        "translation.start",
        "translation.submit",
        "translation.publish",
    ]
    entry = ActivityLog.objects.filter(action="translation.publish").get()
    assert entry.data["from"] == "in_review" and entry.data["to"] == "published"
    # The translator was told at the start, the requester when it was submitted.
    assert {n.recipient_email for n in Notification.objects.all()} >= {translator.email}


def test_translation_of_an_older_version_says_a_newer_one_exists(drafting, translator, api):
    world = drafting
    version = world.paper.versions.get()
    (french,) = _request(world, version, ["fr"])
    _publish(world, french, translator)
    add_text_version(world.paper, "Second draft\n")
    add_text_version(world.paper, "Third draft\n")
    set_state(world.paper, PaperState.FINAL, public=True)
    world.paper.final_version = version  # readers see the translated version (the final one)
    world.paper.save()

    for user in (world.users["staff"], world.users["bystander"], None):
        row = api(user).get(f"/api/v1/paper-translations/{french.pk}/").json()
        assert row["version_number"] == 1 and row["latest_version_number"] == 3
        assert row["is_stale"] is True
        assert row["notice"] == "Translation of version 1; version 3 exists."
    french_row = (
        api(world.users["staff"])
        .get(f"/api/v1/paper-translations/{french.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
        .json()
    )
    assert french_row["notice"]  # translated when the catalogue has it; never empty


def test_a_second_live_translation_into_the_same_language_is_refused(drafting):
    world = drafting
    version = world.paper.versions.get()
    _request(world, version, ["fr"])
    with pytest.raises(ConflictError) as refused:
        _request(world, version, ["es", "fr"])
    assert refused.value.code == "translation_exists"
    assert DocumentTranslation.objects.count() == 1  # the Spanish one was not made either


def test_withdrawn_translation_can_be_requested_again(drafting):
    world = drafting
    version = world.paper.versions.get()
    (french,) = _request(world, version, ["fr"])
    with pytest.raises(DomainError):
        engine.translation_transition(
            actor=world.users["staff"], translation=french, name="withdraw"
        )
    engine.translation_transition(
        actor=world.users["staff"], translation=french, name="withdraw", reason="Wrong file"
    )
    (again,) = _request(world, version, ["fr"])
    assert again.state == TranslationState.REQUESTED


def test_request_refuses_the_original_language_and_unknown_ones(drafting):
    world = drafting
    version = world.paper.versions.get()
    with pytest.raises(DomainError):
        _request(world, version, ["en-gb"])
    with pytest.raises(DomainError):
        _request(world, version, ["de"])
    version.original_language = "fr"
    version.save(update_fields=["original_language"])
    created = _request(world, version, ["en-gb", "es"])
    assert [t.language for t in created] == ["en-gb", "es"]


def test_start_needs_a_translator_and_the_translator_cannot_approve(drafting, translator):
    world = drafting
    staff = world.users["staff"]
    (french,) = _request(world, world.paper.versions.get(), ["fr"])
    with pytest.raises(ConflictError) as refused:
        engine.translation_transition(actor=staff, translation=french, name="start")
    assert refused.value.code == "no_translator"
    engine.translation_assign(actor=staff, translation=french, translator=staff)
    engine.translation_transition(actor=staff, translation=french, name="start")
    engine.translation_transition(actor=staff, translation=french, name="submit", text="Texte")
    with pytest.raises(ConflictError) as refused:
        engine.translation_transition(actor=staff, translation=french, name="publish")
    assert refused.value.code == "approver_is_translator"


def test_an_external_service_translates_by_name(drafting):
    world = drafting
    staff = world.users["staff"]
    (spanish,) = _request(
        world,
        world.paper.versions.get(),
        ["es"],
        kind=TranslationKind.MACHINE,
        translator_name="UN eTranslation",
    )
    engine.translation_transition(actor=staff, translation=spanish, name="start")
    engine.translation_transition(actor=staff, translation=spanish, name="submit", text="Texto")
    spanish = engine.translation_transition(actor=staff, translation=spanish, name="publish")
    assert spanish.state == TranslationState.PUBLISHED and spanish.translator_name


# --- the consultation gate ---------------------------------------------------------------


def test_consultation_waits_for_the_required_languages(drafting, translator):
    world = drafting
    staff = world.users["staff"]
    RequiredTranslation.objects.create(edition=world.edition, language="fr")
    version = world.paper.versions.get()
    with pytest.raises(ConflictError) as refused:
        paper_open_consultation(actor=staff, paper=world.paper, deadline=DEADLINE)
    assert refused.value.code == "translation_required"
    assert "French" in str(refused.value) and "version 1" in str(refused.value)
    assert world.refresh().state == PaperState.DRAFTING

    (french,) = _request(world, version, ["fr"])
    engine.translation_assign(actor=staff, translation=french, translator=translator)
    engine.translation_transition(actor=staff, translation=french, name="start")
    engine.translation_transition(actor=translator, translation=french, name="submit", text="T")
    with pytest.raises(ConflictError):  # in review is not published
        paper_open_consultation(actor=staff, paper=world.paper, deadline=DEADLINE)
    engine.translation_transition(actor=staff, translation=french, name="publish")

    # A newer version needs its own translation: the one put out is the latest.
    add_text_version(world.paper, "Second draft\n")
    with pytest.raises(ConflictError):
        paper_open_consultation(actor=staff, paper=world.paper, deadline=DEADLINE)
    latest = world.paper.versions.order_by("-number").first()
    (french2,) = _request(world, latest, ["fr"])
    _publish(world, french2, translator)
    paper = paper_open_consultation(actor=staff, paper=world.paper, deadline=DEADLINE)
    assert paper.state == PaperState.CONSULTATION
    entry = ActivityLog.objects.filter(action="paper.open_consultation").get()
    assert entry.data["required_languages"] == ["fr"]


def test_consultation_gate_answers_409_through_the_api(drafting, api):
    world = drafting
    RequiredTranslation.objects.create(edition=world.edition, language="es")
    response = api(world.users["staff"]).post(
        f"/api/v1/papers/{world.paper.pk}/open-consultation/",
        {"deadline": "2099-01-01T12:00:00Z"},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["type"] == "translation_required"
    assert "Spanish" in response.json()["detail"]


def test_without_a_policy_consultation_opens_as_before(drafting):
    world = drafting
    paper = paper_open_consultation(
        actor=world.users["staff"], paper=world.paper, deadline=DEADLINE
    )
    assert paper.state == PaperState.CONSULTATION
    assert (
        "required_languages"
        not in ActivityLog.objects.filter(action="paper.open_consultation").get().data
    )


# --- webhooks ------------------------------------------------------------------------------


def test_webhooks_are_recorded_with_the_step_and_sent_after_commit(
    drafting, translator, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_ALLOW_HTTP = True
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    world = drafting
    staff = world.users["staff"]
    endpoint = webhook_endpoint_save(
        actor=staff,
        endpoint=WebhookEndpoint(
            url="http://127.0.0.1:9/hook",
            event_types=["translation.requested", "translation.state_changed"],
        ),
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        (french,) = _request(world, world.paper.versions.get(), ["fr"])
        assert WebhookEvent.objects.filter(event_type="translation.requested").count() == 1
    assert callbacks  # delivery is enqueued only when the transaction commits
    _publish(world, french, translator)
    events = [
        (e.event_type, e.payload["data"]["to"]) for e in WebhookEvent.objects.order_by("created_at")
    ]
    assert events == [
        ("translation.requested", "requested"),
        ("translation.state_changed", "in_translation"),
        ("translation.state_changed", "in_review"),
        ("translation.state_changed", "published"),
    ]
    data = WebhookEvent.objects.order_by("-created_at").first().payload["data"]
    assert data["document_kind"] == "roundtables.paperversion" and data["version"] == 1
    assert WebhookDelivery.objects.filter(endpoint=endpoint).count() == 4


def test_a_refused_step_leaves_no_event(drafting):
    world = drafting
    (french,) = _request(world, world.paper.versions.get(), ["fr"])
    before = WebhookEvent.objects.count(), ActivityLog.objects.count()
    with pytest.raises(ConflictError):
        engine.translation_transition(actor=world.users["staff"], translation=french, name="start")
    assert (WebhookEvent.objects.count(), ActivityLog.objects.count()) == before


# --- reminders -----------------------------------------------------------------------------


def test_reminder_task_selects_due_translations_once(drafting, translator):
    world = drafting
    staff = world.users["staff"]
    today = timezone.localdate()
    version = world.paper.versions.get()
    french, spanish = _request(world, version, due_date=today + timedelta(days=2))
    engine.translation_assign(
        actor=staff, translation=french, translator=translator, due_date=today + timedelta(days=2)
    )
    engine.translation_assign(
        actor=staff,
        translation=spanish,
        translator_name="Agency",
        due_date=today + timedelta(days=9),
    )
    mail.outbox.clear()
    Notification.objects.all().delete()
    assert translation_due_reminders(days_before=3) == 1  # Spanish is not due yet
    assert translation_due_reminders(days_before=3) == 0  # once per due date
    reminder = Notification.objects.get()
    assert reminder.recipient_email == translator.email
    assert "working paper" in reminder.subject and str(french.due_date) in reminder.body
    # An external service is reminded through whoever requested it.
    assert translation_due_reminders(days_before=10) == 1
    assert Notification.objects.filter(recipient_email=staff.email).count() == 1
    # Published translations are no longer owed.
    _publish(world, french, translator)
    assert translation_due_reminders(days_before=10) == 0


def test_reminders_are_written_in_french_when_asked(drafting, translator):
    world = drafting
    (french,) = _request(world, world.paper.versions.get(), ["fr"])
    engine.translation_assign(
        actor=world.users["staff"],
        translation=french,
        translator=translator,
        due_date=timezone.localdate() + timedelta(days=1),
    )
    with override("fr"):
        assert translation_due_reminders(days_before=3) == 1
    assert Notification.objects.filter(recipient_email=translator.email).exists()


# --- database constraints: each fails when its rule is broken -------------------------------


def _row(version, **fields):
    return DocumentTranslation(
        content_type=ContentType.objects.get_for_model(PaperVersion),
        object_id=version.pk,
        **{"language": "fr", **fields},
    )


@pytest.mark.parametrize(
    "fields, constraint",
    [
        ({"state": "in_translation"}, "doctr_working_has_translator"),
        ({"state": "in_review", "translator_name": "Agency"}, "doctr_reviewed_has_content"),
        (
            {"state": "published", "translator_name": "Agency", "text": "T"},
            "doctr_published_has_approver",
        ),
        ({"translator_name": "Agency", "translator_id": -1}, "doctr_translator_user_or_name"),
        ({"language": "de"}, "doctr_language_valid"),
        ({"state": "approved"}, "doctr_state_valid"),
        ({"kind": "pivot"}, "doctr_kind_valid"),
    ],
)
def test_constraint_refuses_a_broken_rule(drafting, fields, constraint):
    version = drafting.paper.versions.get()
    if fields.get("translator_id") == -1:
        fields["translator_id"] = drafting.users["staff"].pk
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        _row(version, **fields).save()
    assert constraint in str(refused.value)


def test_constraint_one_live_translation_per_version_and_language(drafting):
    version = drafting.paper.versions.get()
    _row(version).save()
    _row(version, state="withdrawn").save()  # withdrawn ones do not count
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        _row(version).save()
    assert "doctr_one_live_per_language" in str(refused.value)


def test_constraint_approver_is_not_the_translator(drafting):
    staff = drafting.users["staff"]
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        _row(
            drafting.paper.versions.get(),
            state="published",
            translator=staff,
            approved_by=staff,
            approved_at=timezone.now(),
            text="T",
        ).save()
    assert "doctr_approver_not_translator" in str(refused.value)


def test_required_language_is_unique_per_edition(world):
    RequiredTranslation.objects.create(edition=world.edition, language="fr")
    with pytest.raises(IntegrityError), transaction.atomic():
        RequiredTranslation.objects.create(edition=world.edition, language="fr")


def test_a_readers_client_gets_only_the_published_step(world, translator, settings):
    """Brazil (a Friend) reads the version put out for consultation: its partner client's
    endpoint receives the publication, not the steps before it; a staff endpoint gets all."""
    from gfmd.services.clients import partner_client_register
    from tests.factories import country

    settings.WEBHOOKS_ALLOW_HTTP = True
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    set_state(world.paper, PaperState.CONSULTATION)
    staff = world.users["staff"]
    brazil, _secret = partner_client_register(
        actor=staff, name="Brazil portal", scopes=["read"], country=country("BRA")
    )
    types = ["translation.requested", "translation.state_changed"]
    staff_hook = webhook_endpoint_save(
        actor=staff, endpoint=WebhookEndpoint(url="http://127.0.0.1:9/staff", event_types=types)
    )
    brazil_hook = webhook_endpoint_save(
        actor=staff,
        endpoint=WebhookEndpoint(url="http://127.0.0.1:9/bra", event_types=types, client=brazil),
    )
    (french,) = _request(world, world.paper.versions.get(), ["fr"])
    _publish(world, french, translator)
    received = [
        d.event.payload["data"]["to"]
        for d in WebhookDelivery.objects.filter(endpoint=brazil_hook).select_related("event")
    ]
    assert received == ["published"]
    assert WebhookDelivery.objects.filter(endpoint=staff_hook).count() == 4
