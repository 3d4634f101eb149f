import pytest

from gfmd.models import Country
from gfmd.platform.errors import DomainError
from gfmd.platform.models import ActivityLog
from gfmd.services.countries import countries_load, country_override_development
from tests.factories import StaffFactory, country

pytestmark = pytest.mark.django_db


def test_reference_list_is_loaded_by_migration_with_codes_and_status():
    assert Country.objects.count() == 246
    assert Country.objects.filter(un_status="member").count() == 193
    assert Country.objects.filter(un_status="observer_state").count() == 2
    namibia = Country.objects.get(iso3="NAM")
    assert namibia.iso2 == "NA"  # the string, not a missing value
    assert country("GBR").iso2 == "GB" and country("GRC").iso2 == "GR"
    assert country("DEU").development_status == "developed"
    assert (country("JPN").development_default, country("CHN").development_default) == (
        "developed",
        "developing",
    )


def test_loading_again_changes_nothing_and_keeps_overrides():
    country_override_development(
        actor=StaffFactory(), country=country("KOR"), status="developed", reason="OECD DAC"
    )
    result = countries_load()
    assert (result["created"], result["updated"], result["total"]) == (0, 0, 246)
    assert country("KOR").development_status == "developed"


def test_override_requires_reason_and_is_logged():
    staff = StaffFactory()
    with pytest.raises(DomainError, match="reason"):
        country_override_development(
            actor=staff, country=country("MEX"), status="developed", reason=" "
        )

    mexico = country_override_development(
        actor=staff, country=country("MEX"), status="developed", reason="Policy decision"
    )

    assert mexico.development_status == "developed" and mexico.is_overridden
    assert mexico.override_by == staff
    entry = ActivityLog.objects.get(action="country.override_development")
    assert entry.data["changes"]["development_override"] == ["", "developed"]


def test_clearing_override_returns_to_default():
    staff = StaffFactory()
    country_override_development(
        actor=staff, country=country("MEX"), status="developed", reason="x"
    )
    mexico = country_override_development(actor=staff, country=country("MEX"), status="", reason="")
    assert (mexico.development_status, mexico.override_reason) == ("developing", "")
