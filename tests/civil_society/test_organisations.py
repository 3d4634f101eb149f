"""Civil-society organisations: duplicate detection, the led check, merging duplicates."""

import pytest

from civil_society.enums import LedCheck, Sector
from civil_society.models import Application, CivilSocietyOrganisation
from civil_society.models.organisations import normalise_name, website_domain
from civil_society.selectors.organisations import duplicate_groups, possible_duplicates
from civil_society.services.organisations import (
    cso_check_led,
    cso_merge,
    cso_register,
    cso_update,
)
from gfmd.models import FocalPoint, Organisation
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import ActivityLog
from tests.civil_society.factories import ApplicationFactory, CSOFactory, cso_focal_point
from tests.factories import country

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "variant",
    [
        "Migrant Forum in Asia",
        "MIGRANT FORUM IN ASIA",
        "Migrant Forum in Asia, Inc.",
        "The Migrant-Forum in Asia Ltd",
        "Migrant Forum in Asia e.V.",
        "Migrant  Fórum in Asia (Inc)",
    ],
)
def test_names_differing_in_case_punctuation_or_legal_form_normalise_alike(variant):
    assert normalise_name(variant) == "migrant forum in asia"


def test_legal_words_inside_a_name_are_kept():
    assert normalise_name("Co-operative Union of Workers") != normalise_name("Union of Workers")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.mfasia.org/about",
        "http://MFASIA.org",
        "mfasia.org",
        "https://www.mfasia.org:443",
    ],
)
def test_website_domain_ignores_scheme_www_path_and_port(url):
    assert website_domain(url) == "mfasia.org"


def test_register_refuses_a_name_variant_of_an_existing_organisation(staff):
    cso_register(actor=staff, name="Migrant Forum in Asia", sector=Sector.MIGRANT_DIASPORA)

    with pytest.raises(ConflictError, match="may already be registered") as caught:
        cso_register(actor=staff, name="The Migrant-Forum in Asia, Inc.", sector=Sector.DEVELOPMENT)

    assert caught.value.code == "possible_duplicate"
    assert CivilSocietyOrganisation.objects.count() == 1


def test_register_refuses_the_same_website_domain(staff):
    cso_register(actor=staff, name="Alpha", website="https://www.alpha.org", sector=Sector.ACADEMIA)

    with pytest.raises(ConflictError, match=r"same website domain \(alpha.org\)"):
        cso_register(
            actor=staff, name="Beta", website="http://alpha.org/en", sector=Sector.ACADEMIA
        )


def test_different_organisations_register_and_staff_may_override(staff):
    cso_register(actor=staff, name="Alpha Workers Union", sector=Sector.TRADE_UNION)
    cso_register(actor=staff, name="Gamma Research Centre", sector=Sector.ACADEMIA)

    profile = cso_register(
        actor=staff,
        name="Alpha Workers Union Ltd.",
        sector=Sector.TRADE_UNION,
        allow_duplicate=True,
    )

    assert profile.organisation.kind == "civil_society"
    assert ActivityLog.objects.filter(action="civilsocietyorganisation.duplicate_allowed").exists()
    assert len(possible_duplicates(name="alpha workers union")) == 2


def test_register_records_declaration_as_pending_check(staff):
    profile = cso_register(
        actor=staff,
        name="Diaspora Voices",
        sector=Sector.MIGRANT_DIASPORA,
        diaspora_led=True,
        headquarters=country("NLD"),
        countries_of_work=[country("SOM"), country("NLD")],
    )

    assert profile.led_check == LedCheck.PENDING
    assert profile.normalised_name == "diaspora voices"
    assert sorted(c.iso3 for c in profile.countries_of_work.all()) == ["NLD", "SOM"]


def test_staff_check_confirms_or_refuses_and_a_changed_declaration_resets_it(staff):
    profile = CSOFactory(migrant_led=True)

    cso_check_led(actor=staff, profile=profile, confirmed=False, note="Board not migrant-led")
    assert profile.led_check == LedCheck.REJECTED and not profile.has_priority

    cso_update(actor=staff, profile=profile, diaspora_led=True)
    assert profile.led_check == LedCheck.PENDING

    cso_update(actor=staff, profile=profile, migrant_led=False, diaspora_led=False)
    assert profile.led_check == LedCheck.NOT_DECLARED
    with pytest.raises(DomainError, match="nothing to check"):
        cso_check_led(actor=staff, profile=profile, confirmed=True)


def test_duplicate_groups_find_name_and_domain_matches():
    a = CSOFactory(name="Women in Migration Network")
    b = CSOFactory(name="Women in Migration Network, Inc.")
    c = CSOFactory(name="Labour Watch", website="https://labourwatch.org")
    d = CSOFactory(name="LW Foundation", website="http://www.labourwatch.org/home")
    CSOFactory(name="Unrelated Academy")

    groups = [sorted(m.organisation.pk for m in g) for g in duplicate_groups()]

    assert sorted(groups) == sorted([sorted([a.pk, b.pk]), sorted([c.pk, d.pk])])


def test_merge_moves_applications_and_focal_points_then_deletes_duplicate(staff, csd):
    keep = CSOFactory(name="Women in Migration Network")
    duplicate = CSOFactory(name="Women in Migration Network Inc", website="https://wimn.org")
    application = ApplicationFactory(csd_edition=csd, organisation=duplicate)
    focal = cso_focal_point(duplicate)
    dup_org_id = duplicate.organisation_id

    cso_merge(actor=staff, keep=keep, duplicate=duplicate)

    application.refresh_from_db()
    assert application.organisation == keep
    assert FocalPoint.objects.get(user=focal).organisation_id == keep.organisation_id
    assert not CivilSocietyOrganisation.objects.filter(pk=duplicate.pk).exists()
    assert not Organisation.objects.filter(pk=dup_org_id).exists()
    keep.organisation.refresh_from_db()
    assert keep.organisation.website == "https://wimn.org"
    assert ActivityLog.objects.filter(action="civilsocietyorganisation.merge").exists()


def test_merge_refuses_two_applications_to_the_same_edition(staff, csd):
    keep, duplicate = CSOFactory(), CSOFactory()
    ApplicationFactory(csd_edition=csd, organisation=keep)
    ApplicationFactory(csd_edition=csd, organisation=duplicate)

    with pytest.raises(ConflictError, match="same Civil Society Days"):
        cso_merge(actor=staff, keep=keep, duplicate=duplicate)
    assert Application.objects.filter(organisation=duplicate).count() == 1
