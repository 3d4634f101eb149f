"""CSV/XLSX of the delegation (selected delegates with contact details) from the API and the
admin, in gfmd/platform/exports.py's format."""

import csv
import io

import pytest
from openpyxl import load_workbook

from civil_society.enums import Sector
from tests.civil_society.factories import PartnerSystemUserFactory, candidate

pytestmark = pytest.mark.django_db

HEADER = [
    "Name",
    "Email",
    "Organisation",
    "Sector",
    "Country",
    "ISO3",
    "Region",
    "Migrant-led",
    "Diaspora-led",
    "Gender",
]


@pytest.fixture
def delegation(csd):
    """Two selected delegates, one waitlisted (left out of the export)."""
    ana = candidate(
        csd,
        name="Migrant Workers Network",
        sector=Sector.TRADE_UNION,
        region_iso3="BRA",
        migrant_led=True,
        full_name="Ana Silva",
        email="ana@example.org",
        gender="female",
    )
    tom = candidate(
        csd, region_iso3="SWE", diaspora_led=True, full_name="=Tom Berg", email="tom@example.org"
    )
    wait = candidate(csd, full_name="Wai Ting", email="wai@example.org")
    for delegate, status in ((ana, "selected"), (tom, "selected"), (wait, "waitlisted")):
        delegate.status = status
        delegate.waitlist_position = 1 if status == "waitlisted" else None
        delegate.save()
    return ana, tom, wait


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def _by_name(rows):
    assert rows[0] == HEADER
    return {row[0]: row for row in rows[1:]}


def test_api_exports_the_delegation_as_csv(csd, delegation, staff, api):
    response = api(staff).get(f"/api/v1/csd/delegates/export/?csd_edition={csd.pk}&file_format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="csd-delegation-' in response["Content-Disposition"]
    rows = _by_name(_csv_rows(response))
    assert set(rows) == {"Ana Silva", "'=Tom Berg"}  # formula-like cells are defused
    ana = rows["Ana Silva"]
    region = delegation[0].country.region
    assert ana == [
        "Ana Silva",
        "ana@example.org",
        "Migrant Workers Network",
        "Trade union",
        delegation[0].country.name,
        "BRA",
        region,
        "yes",
        "no",
        "Female",
    ]
    assert rows["'=Tom Berg"][7:] == ["no", "yes", ""]


def test_api_exports_the_delegation_as_xlsx(csd, delegation, staff, api):
    response = api(staff).get("/api/v1/csd/delegates/export/?file_format=xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _by_name(_xlsx_rows(response))
    assert set(rows) == {"Ana Silva", "'=Tom Berg"}
    assert rows["Ana Silva"][1] == "ana@example.org" and rows["Ana Silva"][5] == "BRA"


def test_api_export_is_for_staff(csd, delegation, reviewer, api):
    assert api(reviewer.user).get("/api/v1/csd/delegates/export/").status_code == 403
    assert api(PartnerSystemUserFactory()).get("/api/v1/csd/delegates/export/").status_code == 403
    assert api(None).get("/api/v1/csd/delegates/export/").status_code in (401, 403)


def test_api_export_refuses_unknown_format(staff, api):
    response = api(staff).get("/api/v1/csd/delegates/export/?file_format=pdf")
    assert response.status_code == 400 and "file_format" in response.json()["fields"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_admin_action_exports_the_selected_among_checked_rows(fmt, delegation, staff, client):
    client.force_login(staff)
    response = client.post(
        "/admin/civil_society/delegate/",
        {"action": f"export_{fmt}", "_selected_action": [d.pk for d in delegation]},
    )

    assert response.status_code == 200
    rows = _by_name(_csv_rows(response) if fmt == "csv" else _xlsx_rows(response))
    assert set(rows) == {"Ana Silva", "'=Tom Berg"}  # the waitlisted delegate is left out
    assert rows["Ana Silva"][2] == "Migrant Workers Network"
