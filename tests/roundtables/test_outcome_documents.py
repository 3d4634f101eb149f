"""Outcome documents as kinds of the one document engine, and the Chatham House guard on
publishing them (distribute, publish): refused when the text quotes a government's input
verbatim with its name, allowed without such a quote, staff override with a reason."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import ActivityLog
from registration.models import Registration
from roundtables.enums import PaperState
from roundtables.models import WorkingPaper
from roundtables.selectors.quotes import attributed_quotes
from roundtables.services.papers import document_create, paper_distribute, paper_set_public
from tests.factories import EditionFactory, FocalPointFactory, StaffFactory, country
from tests.registration.factories import RegistrationFactory
from tests.roundtables.factories import SessionFactory, add_input, add_text_version, set_state

pytestmark = pytest.mark.django_db

SAID = (
    "We propose that the cost of sending remittances falls below three per cent by 2030 "
    "through digital channels and open competition."
)
QUOTED = (
    "Several governments spoke. Kenya said: \u201cthe cost of sending remittances falls "
    "below three per cent by 2030 through digital channels\u201d, to general support."
)
UNATTRIBUTED = (
    "Participants proposed that the cost of sending remittances falls below three per cent "
    "by 2030 through digital channels."
    + " Other points were raised." * 25
    + " Kenya and others welcomed the discussion."
)
NAMED_NOT_QUOTED = "Kenya called for cheaper remittances; several governments agreed."


@pytest.fixture
def setting(db):
    edition = EditionFactory()
    RegistrationFactory(meeting__edition=edition, chatham_house=True)
    session = SessionFactory(roundtable__edition=edition)
    add_input(session.paper, country=country("KEN"), text=SAID)
    return edition, session, StaffFactory()


def _report(setting, text, state=PaperState.FINAL):
    edition, session, staff = setting
    report = document_create(
        actor=staff, edition=edition, kind="rapporteur_report", session=session, title="RT report"
    )
    add_text_version(report, text)
    return set_state(report, state)


def test_rapporteur_report_is_a_per_session_kind_of_the_engine(setting):
    edition, session, staff = setting
    report = _report(setting, "Text", PaperState.PLANNED)
    assert (report.session, report.edition) == (session, edition)
    assert session.paper.kind == "roundtable_paper"  # the working paper is still the paper
    assert report.code == f"{session.code} rapporteur report"
    with pytest.raises(ConflictError):
        document_create(
            actor=staff, edition=edition, kind="rapporteur_report", session=session, title="Again"
        )
    with pytest.raises(DomainError, match="session"):
        document_create(actor=staff, edition=edition, kind="rapporteur_report", title="No session")
    with pytest.raises(IntegrityError, match="paper_one_per_session_kind"), transaction.atomic():
        WorkingPaper.objects.create(
            edition=edition, session=session, kind="rapporteur_report", title="Twin"
        )
    conclusions = document_create(
        actor=staff, edition=edition, kind="chair_conclusions", title="Conclusions"
    )
    with pytest.raises(IntegrityError, match="paper_one_per_edition"), transaction.atomic():
        WorkingPaper.objects.create(edition=edition, kind="chair_conclusions", title="Twin")
    assert conclusions.session is None


def test_quote_detection_needs_the_words_and_the_name_together(setting):
    assert [q.country for q in attributed_quotes(_report(setting, QUOTED))] == ["Kenya"]
    report = WorkingPaper.objects.get(kind="rapporteur_report")
    assert attributed_quotes(report, UNATTRIBUTED) == []  # quote far from the name
    assert attributed_quotes(report, NAMED_NOT_QUOTED) == []
    # case, accents and punctuation aside, a French name counts too
    assert attributed_quotes(report, "Le KENYA : " + SAID.upper())


def test_distribute_is_refused_with_a_clear_409(setting, api):
    report = _report(setting, QUOTED)
    staff = setting[2]
    response = api(staff).post(reverse("workingpaper-distribute", args=[report.pk]), {})
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["type"] == "chatham_house_attribution"
    assert "Kenya" in body["detail"] and "Chatham House" in body["detail"]
    report.refresh_from_db()
    assert report.state == PaperState.FINAL
    response = api(staff).post(reverse("workingpaper-publish", args=[report.pk]), {})
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.is_public is False


def test_allowed_when_no_attributed_quote(setting, api):
    report = _report(setting, UNATTRIBUTED)
    staff = setting[2]
    for action in ("distribute", "publish"):
        response = api(staff).post(reverse(f"workingpaper-{action}", args=[report.pk]), {})
        assert response.status_code == 200, response.content
    report.refresh_from_db()
    assert (report.state, report.is_public) == (PaperState.DISTRIBUTED, True)


def test_the_guard_applies_only_to_outcome_documents_under_chatham_house(setting):
    edition, session, staff = setting
    add_text_version(session.paper, QUOTED)
    working_paper = set_state(session.paper, PaperState.FINAL)
    assert paper_distribute(actor=staff, paper=working_paper).state == PaperState.DISTRIBUTED
    report = _report(setting, QUOTED)
    Registration.objects.filter(meeting__edition=edition).update(chatham_house=False)
    assert paper_distribute(actor=staff, paper=report).state == PaperState.DISTRIBUTED


def test_staff_override_with_a_reason_is_logged(setting, api):
    report = _report(setting, QUOTED)
    staff = setting[2]
    response = api(staff).post(
        reverse("workingpaper-distribute", args=[report.pk]),
        {"override_chatham_house": True, "override_reason": "Kenya asked to be named."},
        format="json",
    )
    assert response.status_code == 200, response.content
    entry = ActivityLog.objects.filter(action="paper.distribute", object_id=str(report.pk)).get()
    override = entry.data["chatham_house_override"]
    assert override["reason"] == "Kenya asked to be named."
    assert override["quotes"][0]["country"] == "Kenya"
    report = paper_set_public(
        actor=staff,
        paper=report,
        public=True,
        override_chatham_house=True,
        override_reason="Agreed with Kenya",
    )
    assert report.is_public


def test_override_without_a_reason_is_refused(setting, api):
    report = _report(setting, QUOTED)
    staff = setting[2]
    for reason in ("", "   "):
        response = api(staff).post(
            reverse("workingpaper-publish", args=[report.pk]),
            {"override_chatham_house": True, "override_reason": reason},
            format="json",
        )
        assert response.status_code == 400, response.content
        assert response.json()["fields"] == {"reason": [response.json()["detail"]]}
    report.refresh_from_db()
    assert report.is_public is False


def test_only_staff_may_override(setting):
    report = _report(setting, QUOTED)
    focal_point = FocalPointFactory(country=country("KEN")).user
    with pytest.raises(PermissionDenied):
        paper_distribute(
            actor=focal_point, paper=report, override_chatham_house=True, override_reason="Mine"
        )


def test_admin_refuses_and_staff_override_from_the_admin(setting, client):
    report = _report(setting, QUOTED)
    client.force_login(setting[2])
    url = reverse("admin:roundtables_workingpaper_transition", args=[report.pk, "distribute"])
    response = client.post(url, follow=True)
    assert "Chatham House" in response.content.decode()
    report.refresh_from_db()
    assert report.state == PaperState.FINAL
    client.post(url, {"override_chatham_house": "on", "override_reason": "Named on request"})
    report.refresh_from_db()
    assert report.state == PaperState.DISTRIBUTED


def test_a_pdf_version_is_checked_on_its_extracted_text(setting, api):
    """A PDF final version whose text the search task has not read yet: the guard reads it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gfmd.platform.pdf import html_to_pdf
    from roundtables.services.versions import version_add_file

    edition, session, staff = setting
    report = _report(setting, "Draft", PaperState.DRAFTING)
    pdf = html_to_pdf(f"<html><body><p>{QUOTED}</p></body></html>")
    upload = SimpleUploadedFile("report.pdf", pdf, content_type="application/pdf")
    version = version_add_file(actor=staff, paper=report, upload=upload)
    assert version.text == ""  # extraction runs after commit, in a task
    report = set_state(report, PaperState.FINAL)
    assert report.final_version == version
    response = api(staff).post(reverse("workingpaper-distribute", args=[report.pk]), {})
    assert response.status_code == 409, response.content
    assert "Kenya" in response.json()["detail"]
