"""The Chair's documents on the one document engine (issue 12): kinds as data, the
per-kind database rules, consultation of the Friends of the Forum or the Steering Group,
reminders, the summary of who commented, the API and the admin."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from gfmd.config.celery import app
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import Notification, UserPreference
from roundtables.enums import Decision, PaperState
from roundtables.models import WorkingPaper
from roundtables.services.inputs import input_decide, input_submit
from roundtables.services.papers import (
    document_create,
    paper_distribute,
    paper_finalise,
    paper_open_consultation,
    paper_start_drafting,
)
from roundtables.services.reminders import remind_consultation_deadlines
from roundtables.services.versions import version_add_text
from tests.factories import EditionFactory, FocalPointFactory, country
from tests.roundtables.conftest import ROLES
from tests.roundtables.factories import add_input, set_state

pytestmark = pytest.mark.django_db

URL = "/api/v1/papers/"


def _doc(world, kind="concept_note", title="Concept note of the 2020 chairmanship"):
    return document_create(
        actor=world.users["staff"], edition=world.edition, kind=kind, title=title
    )


def _in_consultation(world, kind="concept_note", days=10):
    doc = _doc(world, kind=kind)
    staff = world.users["staff"]
    version_add_text(actor=staff, paper=doc, text="Concept note\nDraft 1\n")
    paper_start_drafting(actor=staff, paper=doc)
    return paper_open_consultation(
        actor=staff, paper=doc, deadline=timezone.now() + timedelta(days=days)
    )


def _emails(world, *roles):
    return {world.users[role].email for role in roles}


# --- the workflow -------------------------------------------------------------------------


def test_concept_note_through_versions_consultation_inputs_decisions_final(
    world, django_capture_on_commit_callbacks
):
    staff = world.users["staff"]
    doc = _doc(world)
    assert (doc.kind, doc.edition_id, doc.session_id) == ("concept_note", world.edition.pk, None)
    version_add_text(actor=world.users["chair"], paper=doc, text="Zero draft\n")
    paper_start_drafting(actor=staff, paper=doc)
    version_add_text(actor=staff, paper=doc, text="Zero draft\nPriorities\n")
    with django_capture_on_commit_callbacks(execute=True):
        paper_open_consultation(
            actor=world.users["chair"], paper=doc, deadline=timezone.now() + timedelta(days=14)
        )
    # The Friends of the Forum are consulted (chair, Steering Group, Friends, observers, and
    # the mechanisms seated among them); a roundtable session's co-chairs and team are not,
    # for the Chair's document.
    assert {m.to[0] for m in mail.outbox} == _emails(
        world, "chair", "steering", "friend", "observer", "mechanism"
    )
    assert all("Concept note, " in m.subject for m in mail.outbox)

    friend_input = input_submit(actor=world.users["friend"], paper=doc, text="Add return")
    iom_input = input_submit(actor=world.users["observer"], paper=doc, text="Add data")
    sweden_input = input_submit(actor=world.users["steering"], paper=doc, text="Shorter")
    assert (friend_input.country.iso3, iom_input.organisation, sweden_input.country.iso3) == (
        "BRA",
        world.organisation,
        "SWE",
    )
    with pytest.raises(ConflictError) as undecided:
        paper_finalise(actor=staff, paper=doc)
    assert undecided.value.code == "undecided_inputs"

    input_decide(actor=staff, item=friend_input, decision=Decision.INCLUDED, reason="Agreed")
    input_decide(actor=staff, item=iom_input, decision=Decision.PARTLY_INCLUDED, reason="Part")
    input_decide(
        actor=world.users["chair"], item=sweden_input, decision=Decision.NOT_INCLUDED, reason="No"
    )
    version_add_text(actor=staff, paper=doc, text="Final concept note\n")
    doc = paper_finalise(actor=staff, paper=doc)
    doc = paper_distribute(actor=staff, paper=doc)

    assert doc.state == PaperState.DISTRIBUTED and doc.final_version.number == 3
    assert set(doc.final_version.included_inputs.all()) == {friend_input, iom_input}


def test_steering_group_text_is_consulted_in_the_steering_group_only(
    world, api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        doc = _in_consultation(world, kind="steering_adopted_text")
    assert {m.to[0] for m in mail.outbox} == _emails(world, "chair", "steering")
    # The Friends of the Forum do not see it in consultation, nor submit inputs.
    assert api(world.users["friend"]).get(f"{URL}{doc.pk}/").status_code == 404
    with pytest.raises(DomainError):
        input_submit(actor=world.users["friend"], paper=doc, text="Ours")
    assert input_submit(actor=world.users["steering"], paper=doc, text="Ours").country.iso3 == (
        "SWE"
    )


def test_document_create_refuses_a_session_kind_and_a_second_concept_note(world):
    _doc(world)
    with pytest.raises(ConflictError) as twice:
        _doc(world)
    assert twice.value.code == "document_exists"
    with pytest.raises(DomainError):
        _doc(world, kind="roundtable_paper")
    # Steering Group texts: as many as it adopts.
    _doc(world, kind="steering_adopted_text", title="Text 1")
    _doc(world, kind="steering_adopted_text", title="Text 2")


# --- rules in the database ----------------------------------------------------------------


def test_session_per_kind_constraint_holds_against_update(world):
    doc = _doc(world)
    with pytest.raises(IntegrityError, match="paper_session_per_kind"), transaction.atomic():
        WorkingPaper.objects.filter(pk=doc.pk).update(kind="roundtable_paper")
    with pytest.raises(IntegrityError, match="paper_session_per_kind"), transaction.atomic():
        WorkingPaper.objects.filter(pk=world.paper.pk).update(session=None)
    with pytest.raises(IntegrityError, match="paper_kind_valid"), transaction.atomic():
        WorkingPaper.objects.filter(pk=doc.pk).update(kind="memo")


def test_one_concept_note_per_edition_constraint(world):
    _doc(world)
    with pytest.raises(IntegrityError, match="paper_one_per_edition"), transaction.atomic():
        WorkingPaper.objects.create(edition=world.edition, kind="concept_note", title="Again")
    other = EditionFactory()
    WorkingPaper.objects.create(edition=other, kind="concept_note", title="Other edition")


# --- reminders ----------------------------------------------------------------------------


def test_reminders_before_the_deadline_once_per_recipient_in_their_language(
    world, django_capture_on_commit_callbacks
):
    doc = _in_consultation(world, days=2)
    input_submit(actor=world.users["friend"], paper=doc, text="Brazil answered")
    UserPreference.objects.create(user=world.users["steering"], language="fr")
    task = app.tasks["roundtables.remind_consultation_deadlines"]

    assert remind_consultation_deadlines(days_before=1) == 0  # not yet within 1 day
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = task.apply(kwargs={"days_before": 3}).get()  # as celery beat runs it
        again = task.apply(kwargs={"days_before": 3}).get()

    rows = Notification.objects.filter(key__startswith=f"rt-deadline:{doc.pk}:")
    assert (sent, again) == (4, 0)  # idempotent: a second run sends nothing
    assert set(rows.values_list("recipient_email", flat=True)) == _emails(
        world, "chair", "steering", "observer", "mechanism"
    )  # Brazil answered; roundtable co-chairs and team are not consulted on it
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        _emails(world, "chair", "steering", "observer", "mechanism")
    )
    french = rows.get(recipient_email=world.users["steering"].email)
    assert french.subject.startswith("La consultation se termine bientôt")


# --- who commented ------------------------------------------------------------------------


def _summary_fixture(world):
    """Inputs from Brazil (Americas, developing), Sweden and Germany (Europe, developed;
    Germany twice), Morocco (Africa, developing) and IOM."""
    doc = _in_consultation(world)
    staff = world.users["staff"]
    for iso3 in ("BRA", "SWE", "DEU", "DEU", "MAR"):
        input_submit(actor=staff, paper=doc, text=f"From {iso3}", country=country(iso3))
    input_submit(actor=world.users["observer"], paper=doc, text="From IOM")
    return doc


def test_summary_by_region_and_development_status(world, api):
    doc = _summary_fixture(world)
    response = api(world.users["chair"]).get(f"{URL}{doc.pk}/input-summary/")
    assert response.status_code == 200
    body = response.json()
    assert (body["inputs"], body["countries"], body["organisations"]) == (6, 4, 1)
    assert [
        (g["region"], g["development_status"], g["countries"], g["inputs"], g["names"])
        for g in body["by_region"]
    ] == [
        ("Africa", "developing", 1, 1, ["Morocco"]),
        ("Americas", "developing", 1, 1, ["Brazil"]),
        ("Europe", "developed", 2, 3, ["Germany", "Sweden"]),
    ]
    assert body["organisation_names"] == ["International Organization for Migration"]
    assert (
        api(world.users["chair"]).get(f"{URL}{doc.pk}/input-summary/?round=2").json()["inputs"] == 0
    )


def test_summary_follows_a_development_status_override(world):
    from roundtables.selectors.papers import input_summary

    doc = _summary_fixture(world)
    morocco = country("MAR")
    morocco.development_override, morocco.override_reason = "developed", "Test override"
    morocco.save()
    groups = {(g["region"], g["development_status"]) for g in input_summary(doc)["by_region"]}
    assert ("Africa", "developed") in groups and ("Africa", "developing") not in groups


def test_summary_query_count_is_fixed(world, api, django_assert_num_queries):
    doc = _in_consultation(world)
    client = api(world.users["staff"])
    add_input(doc, country=country("BRA"))

    def count():
        with django_assert_num_queries(3):  # the paper, then two for the summary
            body = client.get(f"{URL}{doc.pk}/input-summary/").json()
        return body["inputs"]

    client.get(f"{URL}{doc.pk}/")  # the user's groups are read once, then cached on it
    assert count() == 1
    for iso3 in ("SWE", "DEU", "MAR", "JPN"):
        add_input(doc, country=country(iso3))
    assert count() == 5


def test_summary_in_french(world, api):
    doc = _summary_fixture(world)
    with translation.override("fr"):
        body = (
            api(world.users["staff"])
            .get(f"{URL}{doc.pk}/input-summary/", HTTP_ACCEPT_LANGUAGE="fr")
            .json()
        )
    labels = {g["development_status"]: g["development_status_label"] for g in body["by_region"]}
    assert labels == {"developed": "Développé", "developing": "En développement"}
    with translation.override("es"):
        spanish = api(world.users["staff"]).get(
            f"{URL}{doc.pk}/input-summary/", HTTP_ACCEPT_LANGUAGE="es"
        )
    assert {g["development_status_label"] for g in spanish.json()["by_region"]} == {
        "Desarrollado",
        "En desarrollo",
    }
    with translation.override("es"):
        assert doc.document_name() == "Nota conceptual, GFMD 2020"


# --- permissions --------------------------------------------------------------------------

# role -> (sees the draft, sees it in consultation, may submit an input in consultation,
#          may read the summary)
MATRIX = {
    "staff": (200, 200, 201, 200),
    "chair": (200, 200, 201, 200),
    "steering": (200, 200, 201, 403),
    "friend": (404, 200, 201, 403),
    "observer": (404, 200, 201, 403),
    "mechanism": (404, 200, 201, 403),  # a Friends seat: consulted like an observer
    "cochair": (404, 404, 404, 404),  # a roundtable co-chair has no role on it
    "team": (404, 404, 404, 404),
    "bystander": (404, 404, 404, 404),
    "outsider": (404, 404, 404, 404),
    "anonymous": (404, 404, 404, 404),  # the paper is outside its reach
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_on_a_chairs_document(world, api, role):
    draft, consultation, submit, summary = MATRIX[role]
    doc = _doc(world)
    version_add_text(actor=world.users["staff"], paper=doc, text="Draft\n")
    client = api(world.users[role])
    assert client.get(f"{URL}{doc.pk}/").status_code == draft
    listed = client.get(URL, {"kind": "concept_note"})
    if role != "anonymous":
        assert (doc.pk in [p["id"] for p in listed.json()["results"]]) == (draft == 200)
    set_state(doc, PaperState.CONSULTATION)
    assert client.get(f"{URL}{doc.pk}/").status_code == consultation
    body = {"text": "Our input"}
    if role == "staff":
        body["country"] = "BRA"
    assert client.post(f"{URL}{doc.pk}/inputs/", body).status_code == submit
    assert client.get(f"{URL}{doc.pk}/input-summary/").status_code == summary
    created = client.post(
        URL, {"kind": "work_plan", "edition": world.edition.pk, "title": "Work plan"}
    )
    assert created.status_code == (201 if role == "staff" else 403), created.json()


def test_api_create_filters_and_errors(world, api):
    client = api(world.users["staff"])
    created = client.post(
        URL, {"kind": "concept_note", "edition": world.edition.pk, "title": "Concept note"}
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["kind"], body["edition"], body["session"], body["session_code"]) == (
        "concept_note",
        world.edition.pk,
        None,
        None,
    )
    again = client.post(URL, {"kind": "concept_note", "edition": world.edition.pk, "title": "X"})
    assert (again.status_code, again.json()["type"]) == (409, "document_exists")
    session_kind = client.post(
        URL, {"kind": "roundtable_paper", "edition": world.edition.pk, "title": "X"}
    )
    assert session_kind.status_code == 400
    kinds = client.get(URL, {"kind": "concept_note", "edition": world.edition.pk}).json()
    assert [p["id"] for p in kinds["results"]] == [body["id"]]
    papers = client.get(URL, {"kind": "roundtable_paper"}).json()
    assert world.paper.pk in [p["id"] for p in papers["results"]]
    assert body["id"] not in [p["id"] for p in papers["results"]]


@pytest.mark.parametrize("count", [1, 5])
def test_document_list_query_count_is_fixed(world, api, django_assert_num_queries, count):
    for number in range(count):
        _doc(world, kind="steering_adopted_text", title=f"Adopted text {number}")
    client = api(FocalPointFactory(country=country("SWE")).user)  # Steering Group
    # 4 since the page carries its total (count(*) OVER (), no separate COUNT)
    with django_assert_num_queries(4):
        response = client.get(URL, {"kind": "steering_adopted_text"})
    assert response.json()["count"] == count


# --- admin --------------------------------------------------------------------------------


def test_admin_kind_filter_add_form_and_summary(world, client):
    doc = _summary_fixture(world)
    client.force_login(world.users["staff"])
    listed = client.get("/admin/roundtables/workingpaper/", {"kind": "concept_note"})
    assert listed.status_code == 200
    assert list(listed.context["cl"].queryset) == [doc]
    change = client.get(f"/admin/roundtables/workingpaper/{doc.pk}/change/")
    assert change.status_code == 200
    summary = "4 government(s), 1 organisation(s), 0 mechanism(s), 6 input(s)."
    assert summary in change.content.decode()
    assert "Germany, Sweden" in change.content.decode()
    added = client.post(
        "/admin/roundtables/workingpaper/add/",
        {"kind": "work_plan", "edition": world.edition.pk, "title": "Work plan 2020"},
    )
    assert added.status_code == 302
    plan = WorkingPaper.objects.get(kind="work_plan")
    assert (plan.edition_id, plan.session_id, plan.state) == (world.edition.pk, None, "planned")
    duplicate = client.post(
        "/admin/roundtables/workingpaper/add/",
        {"kind": "work_plan", "edition": world.edition.pk, "title": "Again"},
    )
    assert duplicate.status_code == 200  # the form shows the error
    assert WorkingPaper.objects.filter(kind="work_plan").count() == 1
    client.force_login(world.users["chair"])
    assert client.get("/admin/roundtables/workingpaper/add/").status_code in (302, 403)
