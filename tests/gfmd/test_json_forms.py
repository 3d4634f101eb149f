"""JSON-shaped settings are edited through forms and shown as words (admin/widgets.py)."""

import pytest
from django.urls import reverse

from civil_society.enums import Sector
from gfmd.models import BalancePolicy
from gfmd.platform.admin.widgets import KeyedNumbersField, LinesField, sentence
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_balance_policy_regions_are_checkboxes_and_read_as_a_list(staff_client):
    add = staff_client.get(reverse("admin:gfmd_balancepolicy_add")).content.decode()
    assert 'type="checkbox" name="required_regions" value="Africa"' in add
    assert '<textarea name="required_regions"' not in add

    response = staff_client.post(
        reverse("admin:gfmd_balancepolicy_add"),
        {
            "effective_from": "2030-01-01",
            "target_developed_share": "0.50",
            "tolerance": "0.10",
            "required_regions": ["Africa", "Asia"],
            "note": "",
        },
    )

    assert response.status_code == 302
    assert BalancePolicy.objects.get(effective_from="2030-01-01").required_regions == [
        "Africa",
        "Asia",
    ]
    listing = staff_client.get(reverse("admin:gfmd_balancepolicy_changelist")).content.decode()
    assert "Africa, Asia" in listing and "[&#x27;Africa" not in listing


def test_sector_numbers_are_one_box_per_sector():
    field = KeyedNumbersField(Sector.choices)
    data = {f"m_{i}": "" for i in range(len(Sector.choices))}
    data["m_0"] = "10"
    widget_values = field.widget.value_from_datadict(data, {}, "m")

    assert field.clean(widget_values) == {Sector.values[0]: 10}
    html = field.widget.render("m", {Sector.values[1]: 3})
    assert str(Sector.choices[1][1]) in html and 'value="3"' in html
    with pytest.raises(Exception, match="greater than or equal to 0"):
        field.clean(["-1"] + [""] * (len(Sector.choices) - 1))


def test_shares_stay_decimal_and_capped_at_one():
    field = KeyedNumbersField(Sector.choices, decimal=True, max_value=1)
    values = ["0.10"] + [""] * (len(Sector.choices) - 1)
    assert field.clean(values) == {Sector.values[0]: "0.1"}
    with pytest.raises(Exception, match="less than or equal to 1"):
        field.clean(["1.5"] + [""] * (len(Sector.choices) - 1))


def test_lines_and_sentences():
    assert LinesField().clean("RT 1\n\n Diaspora \n") == ["RT 1", "Diaspora"]
    assert sentence({"academia": "0.10"}, {"academia": "Academia"}, percent=True) == (
        "Academia: 10 %"
    )
    assert sentence([]) == "-"


def test_webhook_event_types_are_checkboxes(staff_client):
    page = staff_client.get(reverse("admin:gfmd_webhookendpoint_add")).content.decode()
    assert 'name="event_types" value="*"' in page and 'value="paper.state_changed"' in page
