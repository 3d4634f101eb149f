"""Permission matrix: every role against every registration endpoint.

Roles: Support Unit staff; Germany's focal point (the participant's delegation); France's
focal point; an organisation's focal point; a partner client acting for Germany (its service
account; scopes are tested with real tokens in test_api.py); a logged-in outsider;
anonymous. Outcomes: ok (2xx), denied (401/403), hidden (404: outside the caller's reach),
refused (400: allowed to ask, but not for that delegation).
"""

import pytest

from gfmd.services.clients import partner_client_register
from registration.services.credentials import credential_upload
from registration.services.participants import participant_nominate
from tests.factories import (
    FocalPointFactory,
    MechanismFactory,
    StaffFactory,
    UserFactory,
    country,
)
from tests.roundtables.factories import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

ROLES = [
    "staff",
    "germany",
    "france",
    "organisation",
    "mechanism",
    "partner",
    "outsider",
    "anonymous",
]
OWN = {"staff", "germany", "partner"}


def _expect(default, **overrides):
    return {role: overrides.get(role, default) for role in ROLES}


def _own(others="hidden", own="ok", **extra):
    """Own delegation (and staff) may; everyone else gets `others`."""
    return _expect(others, **{r: own for r in OWN}, **extra)


def _staff_only(others="denied", outside="hidden"):
    """Staff decide; the delegation is refused (403); others do not see the object."""
    return _expect(outside, staff="ok", germany=others, partner=others)


LIST_ROLES = _expect("ok", outsider="denied", anonymous="denied")
WRITE_NOMINATE = _expect(
    "refused", staff="ok", germany="ok", partner="ok", outsider="denied", anonymous="denied"
)

# (name, method, url template, body, format, expected per role)
MATRIX = [
    ("registrations list", "get", "/api/v1/registrations/", None, _expect("ok")),
    ("registration detail", "get", "/api/v1/registrations/{r}/", None, _expect("ok")),
    ("registration create", "post", "/api/v1/registrations/", {},
     _expect("denied", staff="refused")),
    ("participant list", "get", "/api/v1/registrations/{r}/participant-list/", None, _expect("ok")),
    ("feed CSD delegates", "post", "/api/v1/registrations/{r}/feed-csd-delegates/", {},
     _expect("denied", staff="ok")),
    ("categories list", "get", "/api/v1/registration-categories/", None, _expect("ok")),
    ("category update", "patch", "/api/v1/registration-categories/{cat}/", {"position": 9},
     _expect("denied", staff="ok")),
    ("quotas list", "get", "/api/v1/registration-quotas/", None, _expect("ok")),
    ("participants list", "get", "/api/v1/participants/", None, LIST_ROLES),
    ("participant detail", "get", "/api/v1/participants/{p}/", None, _own()),
    ("nominate", "post", "/api/v1/participants/", "nomination", WRITE_NOMINATE),
    ("participant update", "patch", "/api/v1/participants/{p}/", {"function": "Adviser"}, _own()),
    ("submit", "post", "/api/v1/participants/{draft}/submit/", {}, _own()),
    ("cancel", "post", "/api/v1/participants/{p}/cancel/", {}, _own()),
    ("substitute", "post", "/api/v1/participants/{p}/substitute/",
     {"full_name": "Bea Neu", "email": "bea@example.org"}, _own()),
    ("approve", "post", "/api/v1/participants/{p}/approve/", {}, _staff_only()),
    ("waitlist", "post", "/api/v1/participants/{p}/waitlist/", {}, _staff_only()),
    ("reject", "post", "/api/v1/participants/{p}/reject/", {"reason": "No"}, _staff_only()),
    ("bulk approve", "post", "/api/v1/participants/bulk-approve/", "bulk",
     _expect("denied", staff="ok")),
    ("export", "get", "/api/v1/participants/export/", None, LIST_ROLES),
    ("participant activity", "get", "/api/v1/participants/{p}/activity/", None, _staff_only()),
    ("credentials list", "get", "/api/v1/credentials/", None, LIST_ROLES),
    ("credential detail", "get", "/api/v1/credentials/{c}/", None, _own()),
    ("credential download", "get", "/api/v1/credentials/{c}/download/", None, _own()),
    ("credential upload", "post", "/api/v1/credentials/", "upload", WRITE_NOMINATE),
    ("credential accept", "post", "/api/v1/credentials/{c}/accept/", {}, _staff_only()),
    ("credential refuse", "post", "/api/v1/credentials/{c}/refuse/", {"reason": "Unsigned"},
     _staff_only()),
]  # fmt: skip
# A stakeholder mechanism's focal point (issue 12) has no delegation: answered as a
# logged-in outsider on every endpoint.
for _row in MATRIX:
    _row[4]["mechanism"] = _row[4]["outsider"]

OUTCOME = {
    "ok": {200, 201},
    "denied": {401, 403},
    "hidden": {404},
    "refused": {400},
}


def _user(role, summit):
    if role == "anonymous":
        return None
    if role == "staff":
        return StaffFactory()
    if role == "germany":
        return FocalPointFactory(country=country("DEU")).user
    if role == "france":
        return FocalPointFactory(country=country("FRA")).user
    if role == "organisation":
        return FocalPointFactory(organisation=summit.iom).user
    if role == "mechanism":
        return FocalPointFactory(mechanism=MechanismFactory(code="mayors")).user
    if role == "partner":
        client, _ = partner_client_register(
            actor=StaffFactory(),
            name="Germany portal",
            scopes=["registrations:read", "registrations:write"],
            country=country("DEU"),
        )
        return client.service_user
    return UserFactory()


def _body(kind, summit, ids):
    if kind == "nomination":
        return {
            "registration": summit.registration.pk,
            "category": summit.government.pk,
            "country": "DEU",
            "full_name": "Carl Neu",
            "email": "carl@example.org",
        }, "json"
    if kind == "bulk":
        return {"participants": [ids["p"]]}, "json"
    if kind == "upload":
        return {
            "registration": summit.registration.pk,
            "country": "DEU",
            "kind": "note_verbale",
            "file": upload("nv.pdf", PDF_BYTES),
        }, "multipart"
    return kind, "json"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "url", "body", "expected"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(summit, api, role, name, method, url, body, expected):
    staff = StaffFactory()
    common = {
        "actor": staff,
        "registration": summit.registration,
        "category": summit.government,
        "country": country("DEU"),
    }
    participant = participant_nominate(
        **common, full_name="Anna Schmidt", email="anna@example.org", submit=True
    )
    draft = participant_nominate(**common, full_name="Dora Draft", email="dora@example.org")
    credential = credential_upload(
        actor=staff,
        registration=summit.registration,
        kind="note_verbale",
        upload=upload("nv.pdf", PDF_BYTES),
        country=country("DEU"),
    )
    ids = {
        "r": summit.registration.pk,
        "cat": summit.government.pk,
        "p": participant.pk,
        "draft": draft.pk,
        "c": credential.pk,
    }
    client = api(_user(role, summit))
    data, fmt = _body(body, summit, ids) if body is not None else (None, None)
    kwargs = {"format": fmt} if data is not None else {}
    response = getattr(client, method)(url.format(**ids), data, **kwargs)
    assert response.status_code in OUTCOME[expected[role]], (
        f"{name} as {role}: {response.status_code} {response.content[:300]!r}"
    )
