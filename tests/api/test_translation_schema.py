"""The paper translation payloads conform to the published schema (list and detail)."""

import pytest

from gfmd.platform.services import translations as engine
from roundtables.enums import PaperState
from roundtables.services.translations import version_translations_request
from tests.api.test_schema_truth import (  # noqa: F401 (fixtures)
    _served_schema,
    conforms,
    live_schema,
)
from tests.factories import StaffFactory, UserFactory
from tests.roundtables.factories import SessionFactory, add_text_version, set_state

pytestmark = pytest.mark.django_db


def test_translation_list_and_detail_conform(conforms):  # noqa: F811
    staff = StaffFactory()
    paper = SessionFactory().paper
    set_state(paper, PaperState.DRAFTING)
    version = paper.versions.get()
    french, _spanish = version_translations_request(
        actor=staff, version=version, languages=["fr", "es"], translator_name="Agency"
    )
    engine.translation_transition(actor=staff, translation=french, name="start")
    engine.translation_transition(actor=staff, translation=french, name="submit", text="Texte")
    engine.translation_transition(actor=staff, translation=french, name="publish")
    add_text_version(paper, "Second\n")
    UserFactory()
    rows = conforms("/api/v1/paper-translations/")["results"]
    assert {row["language"] for row in rows} == {"fr", "es"}
    detail = conforms("/api/v1/paper-translations/{id}/", id=french.pk)
    assert detail["notice"] == "Translation of version 1; version 2 exists."
    assert detail["approved_by"] is not None and detail["text"] == "Texte"
