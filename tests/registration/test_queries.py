"""Every registration list (API and admin changelists) costs the same number of queries for
one row as for many."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registration.models import Credential
from registration.services.decisions import participant_approve
from registration.services.participants import Passport, participant_nominate
from tests.factories import StaffFactory, country
from tests.registration.factories import CategoryFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

ISO3 = ["DEU", "FRA", "ITA", "ESP", "PRT", "SWE", "NOR", "MAR", "SEN", "MEX", "BRA", "PHL"]


def _grow(summit, staff, start, n):
    """n more participants (approved, with passport data) and credentials, of n countries."""
    for index in range(start, start + n):
        iso3 = ISO3[index]
        participant = participant_nominate(
            actor=staff,
            registration=summit.registration,
            category=summit.government,
            country=country(iso3),
            full_name=f"Person {iso3}",
            email=f"{iso3.lower()}@example.org",
            visa_letter_needed=True,
            passport=Passport(country(iso3), f"P{index:07d}", date(1980, 1, 1)),
            submit=True,
            is_head_of_delegation=True,
        )
        participant_approve(actor=staff, participant=participant)
        Credential.objects.create(
            registration=summit.registration,
            country=country(iso3),
            kind="note_verbale",
            file="registration/credentials/x.pdf",
            content_type="application/pdf",
            checksum="0" * 64,
        )
        other = RegistrationFactory(meeting__title=f"Meeting {index}")
        CategoryFactory(registration=other)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


API_URLS = [
    "/api/v1/participants/",
    "/api/v1/participants/?include=passport",
    "/api/v1/participants/export/?file_format=csv&include=passport",
    "/api/v1/credentials/",
    "/api/v1/registrations/",
    "/api/v1/registration-categories/",
    "/api/v1/registration-quotas/",
]


@pytest.mark.parametrize("url", API_URLS)
def test_api_list_query_count_is_constant(summit, api, url):
    staff = StaffFactory()
    _grow(summit, staff, 0, 1)
    few = _count(api(type(staff).objects.get(pk=staff.pk)), url)
    _grow(summit, staff, 1, 6)
    many = _count(api(type(staff).objects.get(pk=staff.pk)), url)
    assert few == many


def test_participant_list_query_count_is_constant(summit, api):
    staff = StaffFactory()
    url = f"/api/v1/registrations/{summit.registration.pk}/participant-list/"
    _grow(summit, staff, 0, 1)
    few = _count(api(type(staff).objects.get(pk=staff.pk)), url)
    _grow(summit, staff, 1, 6)
    assert _count(api(type(staff).objects.get(pk=staff.pk)), url) == few


ADMIN_URLS = [
    "/admin/registration/participant/",
    "/admin/registration/participant/?credentials=missing&visa_letter_needed__exact=1",
    "/admin/registration/credential/",
    "/admin/registration/registration/",
    "/admin/registration/participantcategory/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_admin_changelist_query_count_is_constant(summit, client, url):
    staff = StaffFactory()
    client.force_login(staff)
    _grow(summit, staff, 0, 1)
    client.get(url)  # warm the per-process caches (content types, ...)
    few = _count(client, url)
    _grow(summit, staff, 1, 6)
    assert _count(client, url) == few


def test_registration_change_page_query_count_is_constant(summit, client):
    staff = StaffFactory()
    client.force_login(staff)
    url = f"/admin/registration/registration/{summit.registration.pk}/change/"
    _grow(summit, staff, 0, 1)
    client.get(url)  # warm the per-process caches (content types, ...)
    few = _count(client, url)
    _grow(summit, staff, 1, 6)
    assert _count(client, url) == few
