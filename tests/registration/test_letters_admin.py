"""Admin: issuing and re-issuing letters, downloads, badge printing and revocation,
staff only; changelists at a fixed query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registration.models import Badge, BadgeBatch, VisaLetter
from registration.services.badges import badge_for
from registration.services.checkin import participant_check_in
from registration.services.letters import visa_letter_issue
from tests.registration.test_letters_world import build_world, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return build_world()


def test_staff_issues_then_reissues_with_reason_in_the_admin(client, staff, world):
    client.force_login(staff)
    participant = world.visa_applicant(passport="ZX9876543")
    url = "/admin/registration/visaletter/issue/"
    assert client.post(url, {"participant": participant.pk}).status_code == 302
    refused = client.post(url, {"participant": participant.pk})
    assert refused.status_code == 200 and "needs a reason" in refused.content.decode()
    assert client.post(url, {"participant": participant.pk, "reason": "Typo"}).status_code == 302
    letters = list(VisaLetter.objects.order_by("sequence"))
    assert len(letters) == 2 and letters[1].reason == "Typo"
    download = client.get(f"/admin/registration/visaletter/{letters[1].pk}/download/")
    assert "ZX9876543" in pdf_text(b"".join(download.streaming_content))


def test_badge_print_and_revoke_in_the_admin(client, staff, world):
    client.force_login(staff)
    badge = badge_for(world.participant("Ana Núñez"))
    pdf = client.get(f"/admin/registration/badge/{badge.pk}/pdf/")
    assert "Ana Núñez" in pdf_text(b"".join(pdf.streaming_content))
    client.post(f"/admin/registration/badge/{badge.pk}/revoke/", {"reason": "Lost"})
    badge.refresh_from_db()
    assert badge.revoked_at is not None and badge.version == 2


@pytest.mark.parametrize("role", ["focal_point", "org_focal_point", "outsider"])
def test_admin_pages_are_staff_only(client, staff, world, role, request):
    participant = world.visa_applicant()
    letter = visa_letter_issue(actor=staff, participant=participant)
    badge = badge_for(participant)
    client.force_login(request.getfixturevalue(role))
    for url in (
        "/admin/registration/visaletter/",
        "/admin/registration/visaletter/issue/",
        f"/admin/registration/visaletter/{letter.pk}/download/",
        f"/admin/registration/badge/{badge.pk}/pdf/",
        "/admin/registration/checkin/desk/",
        "/admin/registration/badgebatch/",
    ):
        assert client.get(url).status_code in (302, 403), url


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("model", ["visaletter", "badge", "checkin", "badgebatch", "offlinescan"])
def test_changelists_at_a_fixed_query_count(client, staff, world, model):
    client.force_login(staff)

    def add(start, n):
        for i in range(start, start + n):
            p = world.visa_applicant(f"Person {i:03d}", passport=f"PP{i:06d}")
            visa_letter_issue(actor=staff, participant=p)
            badge_for(p)
            participant_check_in(actor=staff, participant=p, method="search")
            BadgeBatch.objects.create(registration=world.registration)

    url = f"/admin/registration/{model}/"
    add(0, 1)
    _queries(client, url)
    one = _queries(client, url)
    add(1, 4)
    assert _queries(client, url) == one
    assert Badge.objects.count() == 5
