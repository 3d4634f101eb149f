"""The translation admin: request in one step, assign, move through states, approve."""

import pytest

from gfmd.platform.models import DocumentTranslation
from roundtables.enums import PaperState
from roundtables.services.translations import version_translations_request
from tests.factories import UserFactory
from tests.roundtables.factories import add_text_version, set_state

CHANGELIST = "/admin/gfmd/documenttranslation/"


@pytest.fixture
def drafting(world, client):
    set_state(world.paper, PaperState.DRAFTING)
    client.force_login(world.users["staff"])
    return world


def test_staff_request_both_languages_in_one_step(drafting, client):
    version = drafting.paper.versions.get()
    page = client.get(f"{CHANGELIST}add/?version={version.pk}")
    assert page.status_code == 200 and b"request-translations" in page.content
    response = client.post(
        f"{CHANGELIST}add/",
        {"version": version.pk, "languages": ["fr", "es"], "kind": "human"},
    )
    assert response.status_code == 302
    assert sorted(DocumentTranslation.objects.values_list("language", flat=True)) == ["es", "fr"]
    again = client.post(
        f"{CHANGELIST}add/", {"version": version.pk, "languages": ["fr"], "kind": "human"}
    )
    assert again.status_code == 400 and b"already exists" in again.content


def test_staff_assign_and_move_through_states_on_the_change_page(drafting, client):
    staff = drafting.users["staff"]
    translator = UserFactory(username="traductrice", email="tr@example.org")
    (french,) = version_translations_request(
        actor=staff, version=drafting.paper.versions.get(), languages=["fr"]
    )
    url = f"{CHANGELIST}{french.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"translator": translator.pk, "translator_name": "", "due_date": "", "transition": "start"},
    )
    assert response.status_code == 302
    french.refresh_from_db()
    assert french.state == "in_translation" and french.translator == translator
    client.post(url, {"translator": translator.pk, "transition": "submit", "new_text": "Texte"})
    client.post(url, {"translator": translator.pk, "transition": "publish"})
    french.refresh_from_db()
    assert french.state == "published" and french.approved_by == staff


def test_changelist_shows_the_stale_notice(drafting, client):
    staff = drafting.users["staff"]
    version_translations_request(
        actor=staff, version=drafting.paper.versions.get(), languages=["es"]
    )
    add_text_version(drafting.paper, "Second\n")
    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert b"Translation of version 1; version 2 exists." in page.content


def test_focal_points_cannot_use_the_translation_admin(world, client):
    client.force_login(world.users["chair"])
    assert client.get(CHANGELIST).status_code in (302, 403)
    assert client.get(f"{CHANGELIST}add/").status_code in (302, 403)


@pytest.mark.parametrize("extra", [0, 6])
def test_changelist_query_count_is_constant(drafting, client, django_assert_num_queries, extra):
    staff = drafting.users["staff"]
    version_translations_request(
        actor=staff, version=drafting.paper.versions.get(), languages=["fr", "es"]
    )
    for _ in range(extra):
        version = add_text_version(drafting.paper, "More\n")
        version_translations_request(actor=staff, version=version, languages=["fr", "es"])
    client.get(CHANGELIST)
    with django_assert_num_queries(10):
        assert client.get(CHANGELIST).status_code == 200
