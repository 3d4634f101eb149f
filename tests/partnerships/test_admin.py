"""The moderation queue in the admin: filters, moderation actions through the services
(a return needs its reason), staff-added practices checked by the same rules, and a
fixed query count."""

import pytest
from django.urls import reverse

from partnerships.enums import PracticeState
from partnerships.models import Practice
from tests.factories import UserFactory, country
from tests.partnerships.factories import PracticeFactory, TalkCallFactory, TalkProposalFactory

pytestmark = pytest.mark.django_db

QUEUE = "admin:partnerships_practice_changelist"


def test_queue_filters_by_state(staff, client):
    submitted = PracticeFactory(state=PracticeState.SUBMITTED, title="Awaiting moderation")
    PracticeFactory(title="Already public")
    client.force_login(staff)
    page = client.get(reverse(QUEUE), {"state__exact": "submitted"}).content.decode()
    assert submitted.title in page and "Already public" not in page


def test_return_action_needs_the_reason(staff, client):
    practice = PracticeFactory(state=PracticeState.IN_REVIEW)
    client.force_login(staff)
    data = {"action": "practice_return", "_selected_action": [practice.pk], "reason": ""}
    client.post(reverse(QUEUE), data)
    practice.refresh_from_db()
    assert practice.state == PracticeState.IN_REVIEW
    client.post(reverse(QUEUE), {**data, "reason": "Name the partners."})
    practice.refresh_from_db()
    assert practice.state == PracticeState.RETURNED
    assert practice.return_reason == "Name the partners."


def test_publish_action_moves_through_the_engine(staff, client):
    practice = PracticeFactory(state=PracticeState.IN_REVIEW)
    client.force_login(staff)
    data = {"action": "practice_publish", "_selected_action": [practice.pk]}
    client.post(reverse(QUEUE), data)
    practice.refresh_from_db()
    assert practice.state == PracticeState.PUBLISHED and practice.published_at


def test_staff_add_a_practice_checked_by_the_service_rules(staff, client, edition):
    client.force_login(staff)
    url = reverse("admin:partnerships_practice_add")
    base = {
        "title": "Skills mobility",
        "summary": "Who, what, where.",
        "original_language": "en",
        "languages": "[]",
        "source_edition": edition.pk,
    }
    refused = client.post(url, {**base, "is_global": "on", "countries": [country("MAR").pk]})
    assert refused.status_code == 200 and not Practice.objects.exists()
    created = client.post(url, {**base, "countries": [country("MAR").pk]})
    assert created.status_code == 302, created.content.decode()[:2000]
    practice = Practice.objects.get()
    assert practice.state == PracticeState.SUBMITTED and practice.submitted_by == staff
    assert list(practice.countries.values_list("iso3", flat=True)) == ["MAR"]


def test_admin_user_outside_the_support_unit_sees_no_draft(client):
    draft = PracticeFactory(state=PracticeState.SUBMITTED, title="Unpublished draft")
    client.force_login(UserFactory(is_staff=True))
    assert "Unpublished draft" not in client.get(reverse(QUEUE)).content.decode()
    change = reverse("admin:partnerships_practice_change", args=[draft.pk])
    assert client.get(change).status_code == 302  # the admin's "not found" redirect


@pytest.mark.parametrize("rows", [1, 5])
def test_queue_query_count(staff, client, django_assert_num_queries, rows):
    for _i in range(rows):
        PracticeFactory(state=PracticeState.SUBMITTED)
    client.force_login(staff)
    client.get(reverse(QUEUE))
    with django_assert_num_queries(QUEUE_QUERIES):
        assert client.get(reverse(QUEUE)).status_code == 200


@pytest.mark.parametrize("rows", [1, 5])
def test_talk_proposals_admin_query_count(staff, client, django_assert_num_queries, rows):
    call = TalkCallFactory()
    for _i in range(rows):
        TalkProposalFactory(call=call)
    client.force_login(staff)
    url = reverse("admin:partnerships_talkproposal_changelist")
    client.get(url)
    with django_assert_num_queries(PROPOSAL_QUERIES):
        assert client.get(url).status_code == 200


QUEUE_QUERIES = 12
PROPOSAL_QUERIES = 11
