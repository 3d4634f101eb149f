"""Earlier versions: drafts stay with those who see the paper while it is drafted.

The paper has three versions: v1, a draft; v2, the draft put out when consultation
opened; v3, made during consultation. Every role is checked against the version list,
detail, download, diff and "why can I see this?" in consultation, final and published.
"""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from roundtables.enums import PaperState
from roundtables.models import PaperVersion
from roundtables.services.papers import paper_open_consultation, paper_start_drafting
from roundtables.services.versions import version_add_file, version_add_text
from tests.factories import FocalPointFactory, country
from tests.roundtables.conftest import ROLES
from tests.roundtables.factories import (
    PDF_BYTES,
    SessionFactory,
    confirmed_cochair,
    set_state,
    upload,
)

pytestmark = pytest.mark.django_db

DRAFTERS = {"staff", "chair", "cochair", "team", "steering"}
CONSULTED = {"friend", "observer", "mechanism"}  # mechanism: a Friends seat
ALL_ROLES = [*ROLES, "participant"]


@pytest.fixture
def versions(world):
    """v1 draft, v2 put out for consultation, v3 made in consultation (a file)."""
    staff = world.users["staff"]
    paper = paper_start_drafting(actor=staff, paper=world.paper)
    v1 = version_add_text(actor=staff, paper=paper, text="Internal draft\n")
    v2 = version_add_text(actor=staff, paper=paper, text="Consultation draft\n")
    paper = paper_open_consultation(
        actor=staff, paper=paper, deadline=timezone.now() + timedelta(days=7)
    )
    v3 = version_add_file(actor=staff, paper=paper, upload=upload("v3.pdf", PDF_BYTES))
    # A participant of the edition: a co-chair of another session (Italy).
    other = SessionFactory(roundtable=world.session.roundtable, number=2)
    confirmed_cochair(other, "ITA")
    world.users["participant"] = FocalPointFactory(
        country=country("ITA"), user__username="rt-participant"
    ).user
    return [PaperVersion.objects.get(pk=v.pk) for v in (v1, v2, v3)]


def test_stage_and_release_are_recorded(versions):
    assert [(v.number, v.stage, v.released) for v in versions] == [
        (1, PaperState.DRAFTING, False),
        (2, PaperState.DRAFTING, True),  # the version consultation opened with
        (3, PaperState.CONSULTATION, True),
    ]


# state, public -> role -> visible version numbers (None: the paper itself is a 404)
EXPECTED = {
    (PaperState.CONSULTATION, False): {
        **dict.fromkeys(DRAFTERS, [1, 2, 3]),
        **dict.fromkeys(CONSULTED, [2, 3]),
    },
    (PaperState.FINAL, False): {
        **dict.fromkeys(DRAFTERS, [1, 2, 3]),
        **dict.fromkeys(CONSULTED, [2, 3]),
        "participant": [3],
    },
    (PaperState.DISTRIBUTED, True): {
        **dict.fromkeys(DRAFTERS, [1, 2, 3]),
        **dict.fromkeys(CONSULTED, [2, 3]),
        **dict.fromkeys(["participant", "bystander", "outsider", "anonymous"], [3]),
    },
}


@pytest.mark.parametrize("state, public", list(EXPECTED))
@pytest.mark.parametrize("role", ALL_ROLES)
def test_versions_by_role_and_stage(world, api, versions, role, state, public):
    paper = set_state(world.paper, state, public=public)
    client = api(world.users[role])
    expected = EXPECTED[(state, public)].get(role, [])

    listed = client.get(f"/api/v1/paper-versions/?paper={paper.pk}")
    assert listed.status_code == 200
    assert [v["number"] for v in listed.json()["results"]] == expected
    for version in versions:
        detail = client.get(f"/api/v1/paper-versions/{version.pk}/")
        download = client.get(f"/api/v1/paper-versions/{version.pk}/download/")
        if version.number in expected:
            assert detail.status_code == download.status_code == 200
            assert detail.json()["stage"] == version.stage
        else:
            assert detail.status_code == 404
            assert download.status_code == 404
            assert not getattr(download, "streaming", False)

    access = client.get(f"/api/v1/papers/{paper.pk}/access/")
    if not expected:
        assert access.status_code == 404
        return
    rows = access.json()["versions"]
    assert [r["number"] for r in rows if r["visible"]] == expected
    assert all(r["explanation"] for r in rows)


@pytest.mark.parametrize(
    "role, number, phrase",
    [
        ("cochair", 1, "you see every version, drafts included"),
        ("friend", 1, "seen only by those who draft it"),
        ("friend", 2, "Put out for consultation"),
        ("participant", 2, "you may read only the final version"),
        ("participant", 3, "The final version"),
    ],
)
def test_why_can_i_see_this_per_version(world, api, versions, role, number, phrase):
    paper = set_state(world.paper, PaperState.FINAL)
    rows = api(world.users[role]).get(f"/api/v1/papers/{paper.pk}/access/").json()["versions"]
    row = next(r for r in rows if r["number"] == number)
    assert phrase in row["explanation"]
    assert row["stage"] == versions[number - 1].stage


def test_diff_with_a_hidden_draft_is_not_found(world, api, versions):
    client = api(world.users["friend"])
    paper = world.paper
    assert client.get(f"/api/v1/papers/{paper.pk}/diff/?from=1&to=3").status_code == 404
    assert client.get(f"/api/v1/papers/{paper.pk}/diff/?from=2&to=2").status_code == 200
    drafter = api(world.users["team"])
    assert drafter.get(f"/api/v1/papers/{paper.pk}/diff/?from=1&to=2").status_code == 200


def test_an_early_draft_chosen_as_final_is_released_by_finalising(world, api, versions):
    paper = set_state(world.paper, PaperState.DISTRIBUTED, public=True)
    paper.final_version = versions[0]
    paper.save()
    for role, expected in [("friend", [1, 2, 3]), ("anonymous", [1]), ("participant", [1])]:
        listed = api(world.users[role]).get(f"/api/v1/paper-versions/?paper={paper.pk}").json()
        assert [v["number"] for v in listed["results"]] == expected


def test_reopened_consultation_releases_its_own_version(world, api, versions):
    from roundtables.services.papers import paper_return_to_drafting

    staff = world.users["staff"]
    paper = paper_return_to_drafting(actor=staff, paper=world.paper)
    v4 = version_add_text(actor=staff, paper=paper, text="Second round draft\n")
    v5 = version_add_text(actor=staff, paper=paper, text="Second round, final draft\n")
    paper_open_consultation(actor=staff, paper=paper, deadline=timezone.now() + timedelta(days=7))
    listed = api(world.users["friend"]).get(f"/api/v1/paper-versions/?paper={paper.pk}").json()
    assert [v["number"] for v in listed["results"]] == [2, 3, 5]
    assert not PaperVersion.objects.get(pk=v4.pk).released and v5.number == 5


def test_admin_inline_lists_versions_through_the_same_rule(world, client, versions):
    client.force_login(world.users["staff"])
    page = client.get(f"/admin/roundtables/workingpaper/{world.paper.pk}/change/")
    assert page.status_code == 200
    assert page.content.count(b"/download/") == 3
    assert b"Released" in page.content or b"released" in page.content


def test_data_migration_replays_the_activity_log(world, versions):
    """Existing rows: the migration rebuilds stage and release from the paper's history."""
    PaperVersion.objects.filter(paper=world.paper).update(stage=PaperState.DRAFTING, released=False)
    migration = importlib.import_module("roundtables.migrations.0003_version_stage")
    migration.record_stages(django_apps, None)
    rows = PaperVersion.objects.filter(paper=world.paper).order_by("number")
    assert [(v.stage, v.released) for v in rows] == [
        (PaperState.DRAFTING, False),
        (PaperState.DRAFTING, True),
        (PaperState.CONSULTATION, True),
    ]


def test_diff_of_texts_too_long_to_compare_is_a_400(world, api, versions):
    from roundtables.selectors.papers import MAX_DIFF_LINES

    staff = world.users["staff"]
    long_text = "".join(f"L{i % 150}\n" for i in range(MAX_DIFF_LINES))
    v4 = version_add_text(actor=staff, paper=world.paper, text=long_text)
    response = api(staff).get(f"/api/v1/papers/{world.paper.pk}/diff/?from=2&to={v4.number}")
    assert response.status_code == 400
    assert "too many to compare" in response.json()["fields"]["to"][0]
