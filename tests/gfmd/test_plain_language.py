"""The activity log and change pages read in plain words (gfmd/platform/plain.py)."""

import pytest
from django.urls import reverse

from gfmd.models import Country, Edition
from gfmd.platform.models import ActivityLog
from gfmd.platform.plain import describe_entries, own_content_types
from gfmd.services.editions import edition_save, edition_set_chairs
from tests.factories import StaffFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    client.force_login(staff)
    client.staff = staff
    return client


def _edition(staff, ordinal=1, chairs=("BEL",)):
    return edition_save(
        actor=staff,
        edition=Edition(ordinal=ordinal, year_start=2006 + ordinal, title=f"GFMD {2006 + ordinal}"),
        chairs=[country(c) for c in chairs],
    )


def test_chair_change_reads_as_words_with_links(staff_client):
    edition = _edition(staff_client.staff)
    edition_set_chairs(
        actor=staff_client.staff, edition=edition, chairs=[country("BEL"), country("ARE")]
    )
    entry = ActivityLog.objects.filter(action="edition.set_chairs").order_by("id").last()

    described = describe_entries([entry])[0]

    assert described.action == "Chairs set"
    assert described.text() == "Chairs: added United Arab Emirates"
    uae = Country.objects.get(iso3="ARE")
    assert reverse("admin:gfmd_country_change", args=[uae.pk]) in described.html()
    page = staff_client.get(reverse("admin:gfmd_activitylog_changelist")).content.decode()
    assert (
        "United Arab Emirates" in page
        and "edition.set_chairs" not in page.split("<tbody")[1].split("</tbody>")[0]
    )
    change_page = staff_client.get(reverse("admin:gfmd_edition_change", args=[edition.pk]))
    assert "Chairs: added" in change_page.content.decode().replace("<b>", "").replace("</b>", "")
    assert "[&#x27;ARE&#x27;]" not in change_page.content.decode()


def test_field_changes_read_from_to_and_transitions_use_their_label(staff_client):
    from gfmd.models import Organisation
    from gfmd.platform.services.records import record_save

    org = record_save(actor=staff_client.staff, instance=Organisation(name="IOM", kind="un_agency"))
    org.kind = "other"
    record_save(actor=staff_client.staff, instance=org)
    entry = ActivityLog.objects.filter(action="organisation.update").get()

    described = describe_entries([entry])[0]

    assert described.action == "Changed"
    assert described.text() == "Kind: from UN agency, fund or programme to Other"


def test_type_filter_lists_only_the_services_record_types(staff_client):
    labels = {ct.app_label for ct in own_content_types()}
    assert labels == {
        "gfmd",
        "roundtables",
        "civil_society",
        "contributions",
        "registration",
        "outcomes",
        "partnerships",
    }
    page = staff_client.get(reverse("admin:gfmd_activitylog_changelist")).content.decode()
    assert "?content_type__id__exact=" in page
    for internal in ("periodic task", "refresh token", "access token", "crontab", "django_"):
        assert internal not in page.lower()


def test_activity_changelist_query_count_is_fixed(staff_client):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            response = staff_client.get(reverse("admin:gfmd_activitylog_changelist"))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    _edition(staff_client.staff, 1)
    few = count()
    for ordinal in range(2, 7):
        edition = _edition(staff_client.staff, ordinal, chairs=("PHL",))
        edition_set_chairs(actor=staff_client.staff, edition=edition, chairs=[country("ARE")])
    assert count() == few


def test_activity_reads_in_french(staff_client):
    edition = _edition(staff_client.staff)
    edition_set_chairs(actor=staff_client.staff, edition=edition, chairs=[country("ARE")])
    page = staff_client.get(
        reverse("admin:gfmd_activitylog_changelist"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "Présidences définies" in page
