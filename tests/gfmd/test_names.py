"""Names and titles: no invisible characters (model rule + PostgreSQL constraint), and
look-alike duplicates (mixed scripts) flagged to staff."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from civil_society.enums import Sector
from civil_society.selectors.organisations import LOOK_ALIKE, duplicate_groups, possible_duplicates
from civil_society.services.organisations import cso_register
from gfmd.models import Organisation
from gfmd.platform.errors import ConflictError
from gfmd.platform.names import invisible_characters, latin_skeleton, validate_visible_text
from tests.civil_society.factories import CSOFactory
from tests.factories import EditionFactory, MeetingFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

INVISIBLE = {
    "zero-width space": "Migrant\u200bForum",
    "right-to-left override": "Forum \u202eaisA",
    "left-to-right isolate": "\u2066Forum\u2069",
    "byte order mark": "\ufeffForum",
    "soft hyphen": "For\xadum",
    "control character": "Forum\x07",
    "newline": "Forum\nAsia",
}


@pytest.mark.parametrize("value", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_characters_are_refused_with_their_code_points(value):
    with pytest.raises(ValidationError, match="U\\+"):
        validate_visible_text(value)


@pytest.mark.parametrize(
    "value",
    ["Zoë Müller-Łukasiewicz", "Migrant Forum in Asia", "می\u200cخواهم", "Μετανάστευση 2024"],
)
def test_ordinary_names_pass_including_persian_zero_width_non_joiner(value):
    validate_visible_text(value)


def test_api_refuses_invisible_character_in_an_organisation_name(staff, api):
    response = api(staff).post(
        "/api/v1/organisations/", {"name": "Global\u200b Alliance", "acronym": "GA"}
    )
    assert response.status_code == 400, response.content
    body = response.json()
    assert "name" in body["fields"] and "U+200B" in body["fields"]["name"][0]
    assert not Organisation.objects.filter(acronym="GA").exists()


@pytest.mark.parametrize(
    ("factory", "field", "constraint"),
    [
        (OrganisationFactory, "name", "organisation_name_visible"),
        (EditionFactory, "title", "edition_title_visible"),
        (MeetingFactory, "title", "meeting_title_visible"),
    ],
)
def test_database_refuses_invisible_characters_too(factory, field, constraint):
    row = factory()
    model = type(row)
    # straight SQL, as a script or another client would write: the constraint holds
    with (
        pytest.raises(IntegrityError, match=constraint),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE {model._meta.db_table} SET {field} = %s WHERE id = %s",
            ["A\u202eB", row.pk],
        )


def test_latin_skeleton_folds_cyrillic_look_alikes():
    assert latin_skeleton("Migr\u0430nt F\u043erum") == "Migrant Forum"
    assert invisible_characters("Migr\u0430nt") == []  # visible, but another script


def test_look_alike_name_is_flagged_as_a_possible_duplicate(staff):
    cso_register(actor=staff, name="Migrant Forum in Asia", sector=Sector.MIGRANT_DIASPORA)
    spoof = "Migr\u0430nt Forum in \u0410sia"  # Cyrillic а and А
    matches = possible_duplicates(name=spoof)
    assert len(matches) == 1 and LOOK_ALIKE in matches[0].reasons
    with pytest.raises(ConflictError, match="may already be registered"):
        cso_register(actor=staff, name=spoof, sector=Sector.DEVELOPMENT)


def test_look_alike_pairs_appear_in_the_staff_duplicates_list():
    a = CSOFactory(name="Labour Watch")
    b = CSOFactory(name="L\u0430b\u043eur W\u0430tch")
    CSOFactory(name="Unrelated Academy")
    groups = duplicate_groups()
    assert [sorted(m.organisation.pk for m in g) for g in groups] == [sorted([a.pk, b.pk])]
    assert all(LOOK_ALIKE in m.reasons for m in groups[0] if m.organisation.pk == b.pk)
