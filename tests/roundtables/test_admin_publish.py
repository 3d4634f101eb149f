"""Publishing an outcome document from the admin: the Chatham House guard refuses with its
message, and staff publish with the override only with a reason (written in the activity
entry), as in the API."""

import pytest
from django.urls import reverse

from gfmd.platform.models import ActivityLog
from tests.roundtables.test_outcome_documents import QUOTED, _report, setting  # noqa: F401

pytestmark = pytest.mark.django_db


def _publish_url(report):
    return reverse("admin:roundtables_workingpaper_publish", args=[report.pk])


def test_changelist_publish_is_refused_with_the_guards_message_and_an_override_link(
    setting,  # noqa: F811
    client,
):
    report = _report(setting, QUOTED)
    client.force_login(setting[2])
    response = client.post(
        reverse("admin:roundtables_workingpaper_changelist"),
        {"action": "publish", "_selected_action": [report.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "Chatham House rule but quotes the input of Kenya" in page
    assert f"{_publish_url(report)}?override=1" in page
    report.refresh_from_db()
    assert report.is_public is False
    form = client.get(f"{_publish_url(report)}?override=1").content.decode()
    assert 'name="override_reason"' in form


def test_publish_screen_refuses_then_overrides_with_a_reason(setting, client):  # noqa: F811
    report = _report(setting, QUOTED)
    client.force_login(setting[2])
    refused = client.post(_publish_url(report))
    assert refused.status_code == 400
    assert "Chatham House rule" in refused.content.decode()
    assert 'name="override_chatham_house"' in refused.content.decode()
    for reason in ("", "   "):
        no_reason = client.post(
            _publish_url(report), {"override_chatham_house": "on", "override_reason": reason}
        )
        assert no_reason.status_code == 400
        assert 'id="publish-refusal"' in no_reason.content.decode()
    report.refresh_from_db()
    assert report.is_public is False
    assert not ActivityLog.objects.filter(action="paper.publish").exists()
    done = client.post(
        _publish_url(report),
        {"override_chatham_house": "on", "override_reason": "Kenya asked to be named."},
    )
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.is_public and report.published_at
    entry = ActivityLog.objects.get(action="paper.publish", object_id=str(report.pk))
    assert entry.data["chatham_house_override"]["reason"] == "Kenya asked to be named."
    assert entry.data["chatham_house_override"]["quotes"][0]["country"] == "Kenya"


def test_publish_screen_is_staff_only(setting, client):  # noqa: F811
    from tests.factories import FocalPointFactory, country

    report = _report(setting, QUOTED)
    client.force_login(FocalPointFactory(country=country("KEN")).user)
    response = client.post(
        _publish_url(report),
        {"override_chatham_house": "on", "override_reason": "Mine"},
    )
    assert response.status_code in (302, 403)
    report.refresh_from_db()
    assert report.is_public is False


def test_outcome_document_change_page_links_its_recommendations(setting, client):  # noqa: F811
    from outcomes.services.recommendations import recommendation_create

    report = _report(setting, QUOTED)
    rec = recommendation_create(
        actor=setting[2],
        edition=report.edition,
        outcome_document=report,
        addressed_to="governments",
        title="Cheaper remittances",
        text="Bring the cost down.",
    )
    client.force_login(setting[2])
    page = client.get(
        reverse("admin:roundtables_workingpaper_change", args=[report.pk])
    ).content.decode()
    assert reverse("admin:outcomes_recommendation_change", args=[rec.pk]) in page
    assert f"{_publish_url(report)}" in page
