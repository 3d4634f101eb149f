"""Inputs a fuzzer (or a careless client) sends get a 4xx in the API's error format
(`type`, `detail`, `fields`), never a 500: NUL characters, cursors that are not
positions, nesting past the parser's limit and bodies over the size limit."""

import base64
import json

import pytest
from django.test import Client

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "NUL characters"


def _quiet(client):
    client.raise_request_exception = False  # a 500 must show as a status, not a traceback
    return client


@pytest.fixture
def staff_client(staff, api):
    return _quiet(api(staff))


def _assert_error(response, status: int, field: str | None = None):
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"type", "detail", "fields"}
    if field is not None:
        assert field in body["fields"], body
    return body


@pytest.mark.parametrize(
    "path,payload,field",
    [
        ("/api/v1/organisations/", {"name": "Org", "headquarters": "DE\u0000"}, "headquarters"),
        (
            "/api/v1/editions/",
            {"ordinal": 40, "year_start": 2040, "title": "x", "chairs": ["BE\u0000"]},
            "chairs",
        ),
    ],
)
def test_nul_in_code_field_is_a_field_error(staff_client, path, payload, field):
    body = _assert_error(staff_client.post(path, payload, format="json"), 400, field)
    assert NUL_MESSAGE in body["detail"]


def test_nul_in_nested_json_key_is_refused(staff_client):
    response = staff_client.post(
        "/api/v1/organisations/", {"name": "Org", "extra": [{"a\u0000": 1}]}, format="json"
    )
    _assert_error(response, 400, "extra")


def test_nul_in_path_parameter_is_400(staff_client):
    body = _assert_error(staff_client.get("/api/v1/countries/ABC%00/"), 400)
    assert NUL_MESSAGE in body["detail"]


def test_nul_in_query_string_names_the_parameter(staff_client):
    _assert_error(staff_client.get("/api/v1/countries/?search=DE%00"), 400, "search")


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/countries/", "/api/v1/editions/"])
def test_nul_in_basic_username_is_400_for_anonymous_callers(path):
    token = base64.b64encode(b"some\x00one:secret").decode()
    response = _quiet(Client()).get(path, HTTP_AUTHORIZATION=f"Basic {token}")
    _assert_error(response, 400)


def test_nul_in_form_body_at_token_endpoint_is_400():
    response = _quiet(Client()).post(
        "/oauth/token/",
        "grant_type=client_credentials&client_id=ab%00c&client_secret=x",
        content_type="application/x-www-form-urlencoded",
    )
    _assert_error(response, 400, "client_id")


def test_nul_in_multipart_value_is_refused(staff_client):
    response = staff_client.post(
        "/api/v1/organisations/", {"name": "Org\x00", "acronym": "O"}, format="multipart"
    )
    _assert_error(response, 400, "name")


def test_nul_outside_the_api_is_a_plain_400(client):
    client.raise_request_exception = False
    assert client.get("/admin/login/?next=%00").status_code == 400


def test_organisation_created_without_nul_still_works(staff_client):
    OrganisationFactory(acronym="IOM")
    response = staff_client.post(
        "/api/v1/organisations/", {"name": "Fine", "acronym": "FN", "kind": "other"}, format="json"
    )
    assert response.status_code == 201, response.json()


def _deep(levels: int) -> str:
    return json.dumps({"name": "Org", "extra": json.loads("[" * levels + "]" * levels)})


@pytest.mark.parametrize("levels", [40, 5000])
def test_json_nested_past_the_limit_is_400(staff_client, levels):
    body = "[" * levels + "]" * levels if levels > 100 else _deep(levels)
    response = staff_client.generic(
        "POST", "/api/v1/organisations/", body, content_type="application/json"
    )
    body = _assert_error(response, 400)
    assert body["type"] == "parse_error" and "nested deeper" in body["detail"]


@pytest.mark.parametrize("path", ["/api/v1/organisations/", "/oauth/token/"])
def test_body_over_the_size_limit_is_413_in_the_error_format(staff_client, settings, path):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    payload = json.dumps({"name": "x" * 20_000})
    response = staff_client.generic("POST", path, payload, content_type="application/json")
    body = _assert_error(response, 413)
    assert body["type"] == "request_too_large"


def test_form_body_over_the_size_limit_is_413(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = _quiet(Client()).post(
        "/oauth/token/",
        "client_id=" + "x" * 20_000,
        content_type="application/x-www-form-urlencoded",
    )
    _assert_error(response, 413)


def _cursor(query: str) -> str:
    return base64.b64encode(query.encode()).decode()


CURSOR_LISTS = [
    "/api/v1/inputs/",
    "/api/v1/activity/",
    "/api/v1/webhook-deliveries/",
    "/api/v1/csd/applications/",
    "/api/v1/csd/reviews/",
]


@pytest.mark.parametrize("path", CURSOR_LISTS)
@pytest.mark.parametrize("position", ["p=abc", "p=", "o=1&p=1.5"])
def test_cursor_with_a_position_that_is_not_an_id_is_404(staff_client, path, position):
    response = staff_client.get(path, {"cursor": _cursor(position)})
    body = _assert_error(response, 404)
    assert body["detail"] == "Invalid cursor"


@pytest.mark.parametrize("path", CURSOR_LISTS)
def test_cursor_with_a_valid_position_still_pages(staff_client, path):
    assert staff_client.get(path, {"cursor": _cursor("p=5")}).status_code == 200


def test_cursor_position_follows_the_requested_ordering(staff_client):
    path = "/api/v1/csd/applications/"
    bad = staff_client.get(path, {"ordering": "submitted_at", "cursor": _cursor("p=abc")})
    assert _assert_error(bad, 404)["detail"] == "Invalid cursor"
    good = {"ordering": "submitted_at", "cursor": _cursor("p=2024-01-01T00:00:00Z")}
    assert staff_client.get(path, good).status_code == 200


@pytest.mark.parametrize(
    "method,path",
    [
        ("put", "/api/v1/countries/DEU/"),
        ("delete", "/api/v1/countries/DEU/"),
        ("post", "/api/v1/countries/"),
        ("put", "/api/v1/paper-versions/1/"),
        ("delete", "/api/v1/paper-versions/1/"),
        ("put", "/api/v1/activity/1/"),
        ("delete", "/api/v1/activity/1/"),
        ("post", "/api/v1/activity/"),
        ("trace", "/api/v1/countries/"),
        ("trace", "/api/v1/editions/"),
        ("put", "/api/v1/"),
    ],
)
@pytest.mark.parametrize("who", ["staff", "anonymous"])
def test_method_not_allowed_is_405_with_allow(staff, api, method, path, who):
    client = _quiet(api(staff if who == "staff" else None))
    response = client.generic(method.upper(), path)
    body = _assert_error(response, 405)
    assert body["type"] == "method_not_allowed"
    allowed = {m.strip() for m in response["Allow"].split(",")}
    assert "GET" in allowed and method.upper() not in allowed


@pytest.mark.parametrize("path", ["/api/v1/themes/0.5/", "/api/v1/no-such-list/", "/oauth/x/"])
def test_unrouted_api_url_is_404_in_the_error_format(path):
    body = _assert_error(_quiet(Client()).get(path), 404)
    assert body["type"] == "not_found"


def test_unrouted_admin_url_keeps_the_html_page(client):
    response = client.get("/admin-nothing-here/")
    assert response.status_code == 404 and "json" not in response["Content-Type"]
