"""The ledger's and the Chair's cycle API: every role against every endpoint, own-body
scoping, safe writes, exports, fixed query counts and a French answer."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions.models import Pledge
from gfmd.enums import DecisionOutcome, MeetingBody
from gfmd.models import AgendaItem, Candidature, MeetingDecision
from gfmd.services.clients import partner_client_register
from tests.factories import MeetingFactory, StaffFactory, country
from tests.gfmd.test_oauth_clients import _bearer, _token

pytestmark = pytest.mark.django_db

LEDGER = [
    "contributions/pledges",
    "contributions/receipts",
    "contributions/budgets",
    "contributions/budget-lines",
    "contributions/carry-overs",
    "contributions/exchange-rates",
]
CHAIR = ["candidatures", "meeting-decisions"]
ROLES = [
    "anonymous",
    "outsider",
    "focal_point",
    "org_focal_point",
    "mechanism_focal_point",
    "staff",
    "partner",
    "partner_no_scope",
]
# A stakeholder mechanism's focal point (issue 12) reads its mechanism, working groups and
# meetings only: the ledger and the Chair's cycle are closed to it, as to an outsider.
CLOSED = ("anonymous", "outsider", "mechanism_focal_point")


@pytest.fixture
def chair_rows(ledger):
    sg = MeetingFactory(
        edition=ledger["france"], body=MeetingBody.STEERING_GROUP, start_date=date(2023, 10, 2)
    )
    item = AgendaItem.objects.create(meeting=sg, position=1, title="The next Chair")
    decision = MeetingDecision.objects.create(
        agenda_item=item,
        text="Endorsed.",
        decided_on=date(2023, 10, 2),
        outcome=DecisionOutcome.ENDORSED,
    )
    candidature = Candidature.objects.create(
        edition=ledger["colombia"], country=country("COL"), offered_on=date(2023, 5, 1)
    )
    return {"decision": decision, "candidature": candidature, "item": item}


def _client(role, request, api):
    if role == "anonymous":
        return api()
    if role.startswith("partner"):
        scopes = ("read", "contributions:read") if role == "partner" else ("read",)
        client, secret = partner_client_register(
            actor=StaffFactory(),
            name="Ministry portal",
            scopes=list(scopes),
            country=country("DEU"),
        )
        return _bearer(_token(client, secret).json()["access_token"])
    return api(request.getfixturevalue(role))


def _expected(role, endpoint):
    if role in CLOSED:
        return 403
    if role == "partner_no_scope" and endpoint.startswith("contributions"):
        return 403
    return 200


@pytest.mark.parametrize("endpoint", [*LEDGER, *CHAIR])
@pytest.mark.parametrize("role", ROLES)
def test_list_per_role(role, endpoint, ledger, chair_rows, request, api):
    response = _client(role, request, api).get(f"/api/v1/{endpoint}/")
    assert response.status_code == _expected(role, endpoint), response.content


@pytest.mark.parametrize("role", ROLES)
def test_report_and_troika_per_role(role, ledger, chair_rows, request, api):
    client = _client(role, request, api)
    report = client.get(f"/api/v1/contributions/reports/{ledger['colombia'].pk}/")
    assert report.status_code == _expected(role, "contributions/reports")
    troika = client.get("/api/v1/candidatures/troika/?on=2024-04-01")
    # no chairmanship term recorded in this scenario: 404 for whoever may ask
    assert troika.status_code == (403 if role in CLOSED else 404)


@pytest.mark.parametrize(
    "role,count", [("focal_point", 1), ("org_focal_point", 1), ("staff", 3), ("partner", 1)]
)
def test_focal_points_see_their_own_pledges_only(role, count, ledger, request, api):
    client = _client(role, request, api)
    rows = client.get("/api/v1/contributions/pledges/").json()["results"]
    assert len(rows) == count
    other = ledger["che"].pk
    expected = 200 if role == "staff" else 404
    assert client.get(f"/api/v1/contributions/pledges/{other}/").status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_write_the_ledger_and_candidatures(role, ledger, chair_rows, request, api):
    client = _client(role, request, api)
    pledge = client.post(
        "/api/v1/contributions/pledges/",
        {
            "edition": ledger["colombia"].pk,
            "country": "FRA",
            "kind": "cash",
            "currency": "EUR",
            "amount": "25000.00",
            "pledged_on": "2024-05-05",
        },
        format="json",
    )
    consider = client.post(
        f"/api/v1/candidatures/{chair_rows['candidature'].pk}/consider/", {}, format="json"
    )
    if role == "staff":
        assert pledge.status_code == 201, pledge.content
        assert consider.status_code == 200, consider.content
    else:
        assert pledge.status_code in (403, 404)
        assert consider.status_code in (403, 404)


def test_staff_runs_the_candidature_pipeline_over_the_api(ledger, chair_rows, staff, api):
    client = api(staff)
    url = f"/api/v1/candidatures/{chair_rows['candidature'].pk}"
    assert client.post(f"{url}/consider/", {}, format="json").status_code == 200
    friends = MeetingFactory(
        edition=ledger["france"],
        body=MeetingBody.FRIENDS_OF_THE_FORUM,
        start_date=date(2023, 10, 3),
    )
    other = MeetingDecision.objects.create(
        agenda_item=AgendaItem.objects.create(meeting=friends, position=1, title="Chair"),
        text="Welcomed.",
        decided_on=date(2023, 10, 3),
        outcome=DecisionOutcome.ENDORSED,
    )
    refused = client.post(f"{url}/endorse/", {"decision": other.pk}, format="json")
    assert refused.status_code == 400
    endorsed = client.post(
        f"{url}/endorse/", {"decision": chair_rows["decision"].pk}, format="json"
    )
    assert endorsed.status_code == 200 and endorsed.json()["state"] == "endorsed"
    confirmed = client.post(f"{url}/confirm/", {}, format="json")
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "confirmed"
    office = client.post(f"{url}/take-office/", {"on": "2024-04-01"}, format="json")
    assert office.json()["term_start"] == "2024-04-01"
    troika = client.get("/api/v1/candidatures/troika/?on=2024-04-01").json()
    assert troika[1]["chairs"][0]["iso3"] == "COL"
    assert client.get("/api/v1/candidatures/troika/?on=2024-03-31").status_code == 404
    assert client.get("/api/v1/candidatures/troika/?on=31-03-2024").status_code == 400


def test_updates_need_if_match_and_creates_replay_idempotency_key(ledger, staff, api):
    client = api(staff)
    url = f"/api/v1/contributions/pledges/{ledger['deu'].pk}/"
    assert client.patch(url, {"earmark": "x"}, format="json").status_code == 428
    etag = client.get(url)["ETag"]
    ok = client.patch(
        url, {"description": "Core funding"}, format="json", headers={"If-Match": etag}
    )
    assert ok.status_code == 200, ok.content
    body = {
        "edition": ledger["colombia"].pk,
        "country": "NLD",
        "kind": "in_kind",
        "in_kind_type": "background_paper",
        "pledged_on": "2024-05-05",
    }
    first = client.post(
        "/api/v1/contributions/pledges/", body, format="json", headers={"Idempotency-Key": "p-1"}
    )
    again = client.post(
        "/api/v1/contributions/pledges/", body, format="json", headers={"Idempotency-Key": "p-1"}
    )
    assert first.status_code == 201 and again.json() == first.json()
    assert Pledge.objects.filter(country__iso3="NLD").count() == 1


def test_bad_ledger_input_is_a_clear_400(ledger, staff, api):
    response = api(staff).post(
        "/api/v1/contributions/pledges/",
        {
            "edition": ledger["colombia"].pk,
            "country": "DEU",
            "organisation": ledger["iom"].pk,
            "kind": "cash",
            "currency": "USD",
            "amount": "0",
            "pledged_on": "2024-05-05",
        },
        format="json",
    )
    assert response.status_code == 400
    assert Pledge.objects.count() == 3


def test_report_in_french_and_spanish(ledger, staff, api):
    url = f"/api/v1/contributions/reports/{ledger['colombia'].pk}/?to=USD"
    french = api(staff).get(url, headers={"Accept-Language": "fr"})
    spanish = api(staff).get(url, headers={"Accept-Language": "es"})
    assert french.status_code == 400 and "taux de change" in str(french.json())
    assert spanish.status_code == 400 and "tipo de cambio" in str(spanish.json())
    plain = api(staff).get(f"/api/v1/contributions/reports/{ledger['colombia'].pk}/").json()
    assert plain["pledged"] == {"CHF": "50000.00", "USD": "100000.00"}
    assert plain["donor_count"] == 3 and plain["converted"] is None


def test_exports(ledger, staff, api):
    response = api(staff).get("/api/v1/contributions/pledges/export/?file_format=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode()
    assert "Germany" in text and "Summit interpretation" in text


def _more_pledges(ledger, n):
    for i in range(n):
        Pledge.objects.create(
            edition=ledger["colombia"],
            country=country("NOR"),
            kind="cash",
            currency="NOK",
            amount=1000 + i,
            pledged_on=date(2024, 7, 1),
        )


@pytest.mark.parametrize(
    "endpoint",
    [*LEDGER, *CHAIR],
)
def test_list_query_counts_do_not_grow(endpoint, ledger, chair_rows, staff, api):
    client = api(staff)
    client.get(f"/api/v1/{endpoint}/")  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/api/v1/{endpoint}/")
    _more_pledges(ledger, 4)
    for i in range(4):
        Candidature.objects.create(
            edition=ledger["colombia"],
            country=country(["MEX", "PER", "CHL", "ECU"][i]),
            offered_on=date(2023, 6, 1),
        )
        MeetingDecision.objects.create(
            agenda_item=chair_rows["item"],
            text=f"Noted {i}.",
            decided_on=date(2023, 10, 2),
            outcome=DecisionOutcome.NOTED,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(f"/api/v1/{endpoint}/")
    assert len(many) == len(few)


def test_report_query_count_does_not_grow(ledger, staff, api):
    client = api(staff)
    url = f"/api/v1/contributions/reports/{ledger['colombia'].pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _more_pledges(ledger, 5)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


CANDIDATURE_ACTIONS = ["consider", "endorse", "confirm", "take-office", "withdraw", "decline"]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "staff"])
def test_no_one_but_staff_reaches_any_write(role, ledger, chair_rows, request, api):
    client = _client(role, request, api)
    refused = (401, 403, 404)
    for endpoint in [*LEDGER, *CHAIR]:
        assert client.post(f"/api/v1/{endpoint}/", {}, format="json").status_code in refused
    detail = {
        "contributions/pledges": ledger["deu"].pk,
        "contributions/receipts": ledger["receipt"].pk,
        "contributions/budgets": ledger["budget"].pk,
        "contributions/carry-overs": ledger["carry"].pk,
        "meeting-decisions": chair_rows["decision"].pk,
    }
    for endpoint, pk in detail.items():
        url = f"/api/v1/{endpoint}/{pk}/"
        assert client.patch(url, {}, format="json").status_code in refused + (428,), url
        assert client.delete(url).status_code in refused, url
    candidature = chair_rows["candidature"].pk
    for name in CANDIDATURE_ACTIONS:
        url = f"/api/v1/candidatures/{candidature}/{name}/"
        assert client.post(url, {}, format="json").status_code in refused, url
    hand_over = client.post("/api/v1/candidatures/hand-over/", {}, format="json")
    assert hand_over.status_code in refused
