"""The permission matrix: every role against every endpoint. Objects outside a caller's
reach are 404; endpoints a role may not use are 403 (401 for anonymous callers)."""

import pytest

pytestmark = pytest.mark.django_db

DENIED = "denied"
ROLES = [
    "staff",
    "reviewer",
    "conflicted",
    "applicant",
    "other_applicant",
    "government",
    "partner",
    "cochair_government",
    "team_government",
    "mechanism",
    "anonymous",
]
# Focal points of the governments co-chairing / on the team of a roundtables session: like
# any government everywhere, except for recommendations addressed to that session.
SESSION_GOVERNMENTS = ["cochair_government", "team_government"]
ALL_RECOMMENDATIONS = {"published", "draft", "to_session", "draft_to_session"}

# endpoint -> role -> what the list shows: a set of names (see _names) or DENIED.
LISTS = {
    "csd/editions": {r: {"csd"} for r in ROLES},
    "csd/committee": {
        **{r: {"reviewer", "conflicted"} for r in ROLES},
        "partner": DENIED,
        "anonymous": DENIED,
    },
    "csd/organisations": {
        **{r: {"own", "other", "by_partner", "reviewer_org"} for r in ROLES},
        "anonymous": DENIED,
    },
    "csd/applications": {
        "staff": {"own", "other", "by_partner"},
        "reviewer": {"own", "other", "by_partner"},
        "conflicted": {"other", "by_partner"},
        "applicant": {"own"},
        "other_applicant": {"other"},
        "government": DENIED,
        "partner": {"by_partner"},
        "anonymous": DENIED,
    },
    "csd/delegates": {
        "staff": {"own", "other", "by_partner"},
        "reviewer": {"own", "other", "by_partner"},
        "conflicted": {"other", "by_partner"},
        "applicant": {"own"},
        "other_applicant": {"other"},
        "government": DENIED,
        "partner": {"by_partner"},
        "anonymous": DENIED,
    },
    "csd/reviews": {
        "staff": {"review"},
        "reviewer": {"review"},
        "conflicted": set(),
        **{
            r: DENIED
            for r in ["applicant", "other_applicant", "government", "partner", "anonymous"]
        },
    },
    "csd/recommendations": {
        "staff": ALL_RECOMMENDATIONS,
        "reviewer": ALL_RECOMMENDATIONS,
        "conflicted": ALL_RECOMMENDATIONS,
        # the CSD side reads what it published, to a session too
        "applicant": {"published", "to_session"},
        "other_applicant": {"published", "to_session"},
        # a government outside the session (DEU is only proposed as co-chair)
        "government": {"published"},
        "cochair_government": {"published", "to_session"},
        "team_government": {"published", "to_session"},
        "partner": DENIED,
        "anonymous": DENIED,
    },
}
COMMITTEE_ONLY = {
    **{r: 1 for r in ["staff", "reviewer", "conflicted"]},
    **{r: DENIED for r in ["applicant", "other_applicant", "government", "partner", "anonymous"]},
}
PROGRAMME = {
    **{
        r: 1
        for r in ["staff", "reviewer", "conflicted", "applicant", "other_applicant", "government"]
    },
    "partner": DENIED,
    "anonymous": DENIED,
}
COUNTS = {
    "csd/selection-policies": COMMITTEE_ONLY,
    "csd/proposals": COMMITTEE_ONLY,
    "csd/proposal-entries": {
        **COMMITTEE_ONLY,
        **{r: 3 for r in ["staff", "reviewer", "conflicted"]},
    },
    "csd/sessions": PROGRAMME,
    "csd/common-space": PROGRAMME,
    "csd/common-space-participants": {
        **PROGRAMME,
        **{r: 2 for r, v in PROGRAMME.items() if v == 1},
    },
    "csd/pga-documents": PROGRAMME,
    "csd/friends-representatives": PROGRAMME,
}
for _table in (LISTS, COUNTS):
    for _by_role in _table.values():
        for _role in SESSION_GOVERNMENTS:
            _by_role.setdefault(_role, _by_role["government"])
# A stakeholder mechanism's focal point (issue 12): the public list of CSD editions only;
# the CSD's records and programme are not its reach (as in the governance core).
for _table in (LISTS, COUNTS):
    for _endpoint, _by_role in _table.items():
        _by_role["mechanism"] = {"csd"} if _endpoint == "csd/editions" else DENIED


def _names(world, endpoint, rows):
    ids = {row["id"] for row in rows}
    apps = {"own": world.own, "other": world.other, "by_partner": world.by_partner}
    if endpoint == "csd/editions":
        return {"csd"} if world.csd.pk in ids else set()
    if endpoint == "csd/organisations":
        named = {k: a.organisation.pk for k, a in apps.items()}
        named["reviewer_org"] = world.reviewer.organisation.csd_profile.pk
        return {k for k, pk in named.items() if pk in ids}
    if endpoint == "csd/committee":
        return {k for k in ("reviewer", "conflicted") if getattr(world, k).pk in ids}
    if endpoint == "csd/applications":
        return {k for k, a in apps.items() if a.pk in ids}
    if endpoint == "csd/delegates":
        return {k for k, a in apps.items() if a.delegates.get().pk in ids}
    if endpoint == "csd/reviews":
        return {"review"} if world.review.pk in ids else set()
    if endpoint == "csd/recommendations":
        return {k for k in sorted(ALL_RECOMMENDATIONS) if getattr(world, k).pk in ids}
    raise AssertionError(endpoint)


def _get(api, user, url):
    return api(user).get(url)


def _assert_denied(response, role):
    expected = {401, 403} if role == "anonymous" else {403}
    assert response.status_code in expected, (role, response.status_code, response.content)
    assert set(response.json()) == {"type", "detail", "fields"}


@pytest.mark.parametrize("endpoint", sorted(LISTS))
def test_list_shows_each_role_only_its_reach(endpoint, world, api):
    for role, user in world.users().items():
        response = _get(api, user, f"/api/v1/{endpoint}/")
        expected = LISTS[endpoint][role]
        if expected == DENIED:
            _assert_denied(response, role)
        else:
            assert response.status_code == 200, (role, response.content)
            assert _names(world, endpoint, response.json()["results"]) == expected, role


@pytest.mark.parametrize("endpoint", sorted(COUNTS))
def test_list_counts_per_role(endpoint, world, api):
    for role, user in world.users().items():
        response = _get(api, user, f"/api/v1/{endpoint}/")
        expected = COUNTS[endpoint][role]
        if expected == DENIED:
            _assert_denied(response, role)
        else:
            assert response.status_code == 200, (role, response.content)
            assert response.json()["count"] == expected, role


def test_objects_outside_reach_are_not_found(world, api):
    checks = [
        (world.applicant, f"csd/applications/{world.other.pk}/"),
        (world.applicant, f"csd/delegates/{world.other.delegates.get().pk}/"),
        (world.other_applicant, f"csd/applications/{world.own.pk}/"),
        (world.partner, f"csd/applications/{world.own.pk}/"),
        (world.conflicted.user, f"csd/applications/{world.own.pk}/"),
        (world.conflicted.user, f"csd/reviews/{world.review.pk}/"),
        (world.applicant, f"csd/recommendations/{world.draft.pk}/"),
        (world.government, f"csd/recommendations/{world.draft.pk}/"),
        # addressed to a roundtables session: not for governments outside it, and drafts
        # stay with the CSD even for the session's co-chairs and team
        (world.government, f"csd/recommendations/{world.to_session.pk}/"),
        (world.cochair_government, f"csd/recommendations/{world.draft_to_session.pk}/"),
        (world.team_government, f"csd/recommendations/{world.draft_to_session.pk}/"),
    ]
    for user, url in checks:
        response = api(user).get(f"/api/v1/{url}")
        assert response.status_code == 404, (user, url, response.status_code)
        assert response.json()["type"] == "not_found"
    for user, url in [
        (world.applicant, f"csd/applications/{world.own.pk}/"),
        (world.partner, f"csd/applications/{world.by_partner.pk}/"),
        (world.reviewer.user, f"csd/applications/{world.own.pk}/"),
        (world.government, f"csd/recommendations/{world.published.pk}/"),
        (world.cochair_government, f"csd/recommendations/{world.to_session.pk}/"),
        (world.team_government, f"csd/recommendations/{world.to_session.pk}/"),
        (world.applicant, f"csd/recommendations/{world.to_session.pk}/"),
    ]:
        assert api(user).get(f"/api/v1/{url}").status_code == 200, (user, url)


def test_recommendation_rule_agrees_with_the_list(world):
    """rules.view_recommendation and selectors.recommendations_for_user say the same."""
    from civil_society.selectors.records import recommendations_for_user

    for role, user in world.users().items():
        if user is None:
            continue
        listed = set(recommendations_for_user(user).values_list("pk", flat=True))
        for name in sorted(ALL_RECOMMENDATIONS):
            recommendation = getattr(world, name)
            allowed = user.has_perm("civil_society.view_recommendation", recommendation)
            assert allowed == (recommendation.pk in listed), (role, name)


def test_selection_actions_are_staff_only(world, api):
    csd, proposal = world.csd, world.proposal
    entry = proposal.entries.order_by("rank").first()
    reviewer = api(world.reviewer.user)
    assert reviewer.post(f"/api/v1/csd/editions/{csd.pk}/run-selection/").status_code == 403
    assert reviewer.post(f"/api/v1/csd/proposals/{proposal.pk}/confirm/").status_code == 403
    assert (
        reviewer.post(
            f"/api/v1/csd/proposal-entries/{entry.pk}/adjust/", {"outcome": "out", "note": "x"}
        ).status_code
        == 403
    )
    applicant = api(world.applicant)
    assert applicant.post(f"/api/v1/csd/editions/{csd.pk}/run-selection/").status_code == 403
    assert applicant.post(f"/api/v1/csd/proposals/{proposal.pk}/confirm/").status_code == 404
    assert reviewer.get(f"/api/v1/csd/editions/{csd.pk}/selection-report/").status_code == 200
    assert applicant.get(f"/api/v1/csd/editions/{csd.pk}/selection-report/").status_code == 403
    assert api(None).get(f"/api/v1/csd/editions/{csd.pk}/delegation/").status_code in (401, 403)
    assert (
        api(world.government).get(f"/api/v1/csd/editions/{csd.pk}/delegation/").status_code == 200
    )


def test_writes_per_role(world, api):
    own_delegate = world.own.delegates.get()
    # Reviews: reviewers only; the conflicted reviewer is told why.
    payload = {"application": world.other.pk, "score": 7}
    assert api(world.staff).post("/api/v1/csd/reviews/", payload).status_code == 403
    assert api(world.applicant).post("/api/v1/csd/reviews/", payload).status_code == 403
    assert api(world.reviewer.user).post("/api/v1/csd/reviews/", payload).status_code == 201
    conflict = api(world.conflicted.user).post(
        "/api/v1/csd/reviews/", {"application": world.own.pk, "score": 9}
    )
    assert conflict.status_code == 400 and conflict.json()["type"] == "conflict_of_interest"
    # Another reviewer's review is out of reach.
    assert (
        api(world.conflicted.user)
        .patch(f"/api/v1/csd/reviews/{world.review.pk}/", {"score": 1})
        .status_code
        == 404
    )
    # Organisations: staff and partner systems register; the check is staff's.
    new = {"name": "Brand New Network", "sector": "academia"}
    assert api(world.government).post("/api/v1/csd/organisations/", new).status_code == 403
    assert api(world.applicant).post("/api/v1/csd/organisations/", new).status_code == 403
    assert api(world.partner).post("/api/v1/csd/organisations/", new).status_code == 201
    profile = world.own.organisation
    assert (
        api(world.partner)
        .post(f"/api/v1/csd/organisations/{profile.pk}/check-led/", {"confirmed": True})
        .status_code
        == 403
    )
    assert (
        api(world.government).get("/api/v1/csd/organisations/duplicates/?name=x").status_code == 403
    )
    assert (
        api(world.applicant).get("/api/v1/csd/organisations/duplicates/?name=x").status_code == 200
    )
    # Applications: a focal point applies only for their own organisation.
    application = {
        "csd_edition": world.csd.pk,
        "organisation": world.other.organisation.pk,
        "motivation": "m",
        "delegates": [{"full_name": "X", "email": "x@example.org", "country": "KEN"}],
    }
    response = api(world.applicant).post("/api/v1/csd/applications/", application, format="json")
    assert response.status_code == 400 and "organisation" in response.json()["fields"]
    assert (
        api(world.government)
        .post("/api/v1/csd/applications/", application, format="json")
        .status_code
        == 403
    )
    # Withdraw and release: the applicant for their own, nobody else's.
    assert (
        api(world.other_applicant)
        .post(f"/api/v1/csd/applications/{world.own.pk}/withdraw/")
        .status_code
        == 404
    )
    assert (
        api(world.reviewer.user)
        .post(f"/api/v1/csd/applications/{world.own.pk}/withdraw/")
        .status_code
        == 403
    )
    assert (
        api(world.reviewer.user)
        .post(f"/api/v1/csd/delegates/{own_delegate.pk}/release/")
        .status_code
        == 403
    )
    assert (
        api(world.applicant).post(f"/api/v1/csd/applications/{world.own.pk}/withdraw/").status_code
        == 200
    )
    # Programme records: staff write.
    session = {"csd_edition": world.csd.pk, "code": "CSD 9", "title": "T", "origin": "added"}
    assert api(world.reviewer.user).post("/api/v1/csd/sessions/", session).status_code == 403
    assert api(world.staff).post("/api/v1/csd/sessions/", session).status_code == 201
    assert api(None).post("/api/v1/csd/sessions/", session).status_code in (401, 403)
