"""Every role x every endpoint of the Platform for Partnerships.

Roles: anonymous, outsider (signed in, no role), a government focal point, an
organisation focal point, the partner client (OAuth2, both practice scopes), staff and a
reviewer of the call. Hidden objects are 404, refused actions 403 (401 anonymous)."""

import pytest

from partnerships.enums import PracticeState
from tests.factories import (
    FocalPointFactory,
    MechanismFactory,
    OrganisationFactory,
    StaffFactory,
    UserFactory,
    country,
)
from tests.partnerships.factories import (
    PracticeFactory,
    TalkCallFactory,
    TalkProposalFactory,
    TalkReviewerFactory,
    partner_bearer,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "focal_point",
    "org_focal_point",
    "mechanism_focal_point",
    "partner",
    "staff",
    "reviewer",
]


@pytest.fixture
def world(db, api):
    call = TalkCallFactory()
    reviewer = TalkReviewerFactory(call=call).user
    partner_api, partner_user = partner_bearer()
    clients = {
        "anonymous": api(),
        "outsider": api(UserFactory()),
        "focal_point": api(FocalPointFactory(country=country("DEU")).user),
        "org_focal_point": api(FocalPointFactory(organisation=OrganisationFactory()).user),
        "mechanism_focal_point": api(FocalPointFactory(mechanism=MechanismFactory()).user),
        "partner": partner_api,
        "staff": api(StaffFactory()),
        "reviewer": api(reviewer),
    }
    return {
        "clients": clients,
        "published": PracticeFactory(),
        "draft": PracticeFactory(state=PracticeState.SUBMITTED),
        "own_draft": PracticeFactory(state=PracticeState.RETURNED, submitted_by=partner_user),
        "call": call,
        "proposal": TalkProposalFactory(call=call),
    }


# (method, url template, body, {role: expected status}); default for unnamed roles below
P = "/api/v1/practices/"
MATRIX = [
    ("get", P, None, dict.fromkeys(ROLES, 200)),
    ("get", P + "{published}/", None, dict.fromkeys(ROLES, 200)),
    ("get", P + "{draft}/", None, {**dict.fromkeys(ROLES, 404), "staff": 200}),
    ("get", P + "{own_draft}/", None, {**dict.fromkeys(ROLES, 404), "staff": 200, "partner": 200}),
    (
        "post",
        P,
        {"title": "x"},
        {**dict.fromkeys(ROLES, 403), "partner": 400, "staff": 400},
    ),
    (
        "patch",
        P + "{own_draft}/",
        {"summary": "New."},
        {**dict.fromkeys(ROLES, 404), "partner": 200, "staff": 200},
    ),
    (
        "patch",
        P + "{published}/",
        {"summary": "New."},
        {**dict.fromkeys(ROLES, 403), "staff": 200},
    ),
    (
        "post",
        P + "{draft}/start-review/",
        {},
        {**dict.fromkeys(ROLES, 404), "staff": 200},
    ),
    (
        "post",
        P + "{published}/archive/",
        {},
        {**dict.fromkeys(ROLES, 403), "staff": 200},
    ),
    (
        "post",
        P + "{own_draft}/resubmit/",
        {},
        {**dict.fromkeys(ROLES, 404), "partner": 200, "staff": 200},
    ),
    ("get", P + "{published}/activity/", None, {**dict.fromkeys(ROLES, 403), "staff": 200}),
    ("get", "/api/v1/pfp/talk-calls/", None, dict.fromkeys(ROLES, 200)),
    (
        "post",
        "/api/v1/pfp/talk-calls/{call}/select/",
        None,
        {**dict.fromkeys(ROLES, 403), "staff": 200},
    ),
    (
        "get",
        "/api/v1/pfp/talk-proposals/{proposal}/",
        None,
        {**dict.fromkeys(ROLES, 404), "staff": 200, "reviewer": 200},
    ),
    (
        "post",
        "/api/v1/pfp/talk-reviews/",
        {"proposal": "{proposal}", "score": 4},
        {**dict.fromkeys(ROLES, 403), "staff": 400, "reviewer": 201},
    ),
]
# A stakeholder mechanism's focal point (issue 12) has no role here: it is answered as a
# logged-in outsider on every endpoint.
for _row in MATRIX:
    _row[3]["mechanism_focal_point"] = _row[3]["outsider"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "method,url,body,expected", MATRIX, ids=[f"{m} {u}" for m, u, *_ in MATRIX]
)
def test_permission_matrix(world, role, method, url, body, expected):
    ids = {key: obj.pk for key, obj in world.items() if key not in ("clients",)}
    url = url.format(**ids)
    if body:
        body = {
            k: (int(v.format(**ids)) if isinstance(v, str) and "{" in v else v)
            for k, v in body.items()
        }
    response = getattr(world["clients"][role], method)(url, body, format="json")
    assert response.status_code == expected[role], (role, response.content[:300])
