"""The outcomes API: every role against every endpoint, query counts, languages, exports."""

import io

import pytest
from docx import Document

from outcomes.enums import Scheme
from outcomes.models import EditionTagging, ReportingOptOut
from outcomes.services.reports import report_create, report_generate, report_transition
from roundtables.services.papers import document_create
from tests.civil_society.factories import PartnerSystemUserFactory
from tests.factories import EditionFactory, country
from tests.outcomes.factories import FollowUpFactory, RecommendationFactory, policy_on
from tests.roundtables.factories import SessionFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "focal_point", "org_focal_point", "partner", "staff"]
SIGNED_IN = set(ROLES) - {"anonymous"}


@pytest.fixture
def partner(db):
    return PartnerSystemUserFactory()


def _user(role, request):
    return None if role == "anonymous" else request.getfixturevalue(role)


def _denied(role):
    return 403  # anonymous callers too (no authentication challenge), as elsewhere


@pytest.fixture
def rows(staff):
    edition = EditionFactory(year_start=2019)
    rec = RecommendationFactory(edition=edition)
    FollowUpFactory(recommendation=rec)
    report = report_create(actor=staff, year_from=2019, year_to=2022)
    report_generate(report_id=report.pk)
    return {"edition": edition, "rec": rec, "report": report}


# (endpoint, who may read it)
LISTS = [
    ("outcomes/objectives/", set(ROLES)),
    ("outcomes/sdg-targets/", set(ROLES)),
    ("outcomes/imrf-reports/", set(ROLES)),  # scoped: drafts are the staff's
    ("outcomes/recommendations/", SIGNED_IN),
    ("outcomes/follow-ups/", SIGNED_IN),
    ("outcomes/tagging-policies/", SIGNED_IN),
    ("outcomes/opt-outs/", {"staff"}),
    ("outcomes/report-sections/", set(ROLES)),  # scoped: approved reports only
]


@pytest.mark.parametrize("endpoint,readers", LISTS, ids=[e for e, _r in LISTS])
@pytest.mark.parametrize("role", ROLES)
def test_list_access_per_role(role, endpoint, readers, request, api, rows):
    response = api(_user(role, request)).get(f"/api/v1/{endpoint}")
    assert response.status_code == (200 if role in readers else _denied(role))


@pytest.mark.parametrize("role", ROLES)
def test_draft_report_is_the_staffs_approved_one_public(role, request, api, rows, staff):
    client = api(_user(role, request))
    url = f"/api/v1/outcomes/imrf-reports/{rows['report'].pk}/"
    assert client.get(url).status_code == (200 if role == "staff" else 404)  # anonymous too
    listed = client.get("/api/v1/outcomes/report-sections/").json()["results"]
    assert bool(listed) == (role == "staff")
    report_transition(actor=staff, report=rows["report"], name="submit")
    report_transition(actor=staff, report=rows["report"], name="approve")
    assert client.get(url).status_code == 200
    export = client.get(f"{url}export/?file_format=html&lang=en")
    assert export.status_code == 200
    assert "GFMD contribution to the IMRF, 2019-2022" in export.content.decode()


WRITES = [
    (
        "post",
        "outcomes/recommendations/",
        lambda r: {
            "edition": r["edition"].pk,
            "addressed_to": "forum",
            "source_label": "Chair",
            "title": "New",
            "text": "Text",
        },
        201,
    ),
    ("patch", "outcomes/recommendations/{rec}/", lambda r: {"title": "Changed"}, 200),
    (
        "post",
        "outcomes/follow-ups/",
        lambda r: {
            "recommendation": r["rec"].pk,
            "edition": r["edition"].pk,
            "status": "implemented",
            "reporting_country": "MEX",
        },
        201,
    ),
    (
        "post",
        "outcomes/tagging-policies/",
        lambda r: {"edition": r["edition"].pk, "scheme": "gcm"},
        201,
    ),
    ("post", "outcomes/opt-outs/", lambda r: {"country": "FRA"}, 201),
    ("post", "outcomes/imrf-reports/", lambda r: {"year_from": 2015, "year_to": 2018}, 201),
    ("post", "outcomes/imrf-reports/{report}/generate/", lambda r: {}, 202),
    ("post", "outcomes/imrf-reports/{report}/submit/", lambda r: {}, 200),
    ("post", "outcomes/sdg-targets/", lambda r: {"code": "1.5", "summary": "Resilience"}, 201),
]


@pytest.mark.parametrize(
    "method,endpoint,body,created", WRITES, ids=[f"{m} {e}" for m, e, _b, _c in WRITES]
)
@pytest.mark.parametrize("role", ROLES)
def test_only_staff_write(role, method, endpoint, body, created, request, api, rows):
    url = "/api/v1/" + endpoint.format(rec=rows["rec"].pk, report=rows["report"].pk)
    response = getattr(api(_user(role, request)), method)(url, body(rows), format="json")
    if role == "staff":
        assert response.status_code == created, response.content
    else:
        # a draft report is outside the caller's reach: 404 before 403
        assert response.status_code == (404 if "{report}" in endpoint else 403)


@pytest.mark.parametrize("role", ROLES)
def test_tags_read_and_write_per_role(role, request, api, staff):
    session = SessionFactory()
    policy_on(session.roundtable.edition, Scheme.GCM)
    user = _user(role, request)
    client = api(user)
    url = f"/api/v1/outcomes/tags/session/{session.pk}/"
    put = client.put(url, {"objectives": [5]}, format="json")
    assert put.status_code == (200 if role == "staff" else _denied(role))
    if role == "staff":
        assert put.json() == {"objectives": [5], "sdg_targets": []}
    read = client.get(url)
    if role == "anonymous":
        assert read.status_code == 403
    else:  # whoever sees the session sees its tags; a session out of reach is a 404
        sees = user.has_perm("roundtables.view_session", session)
        assert read.status_code == (200 if sees else 404)
        if sees:
            assert read.json()["objectives"] == ([5] if role == "staff" else [])


def test_tagging_off_is_a_400_in_the_one_error_format(api, staff):
    session = SessionFactory()
    response = api(staff).put(
        f"/api/v1/outcomes/tags/session/{session.pk}/", {"objectives": [5]}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["type"] == "tagging_off"


def test_unknown_subject_kind_is_404(api, staff):
    assert api(staff).get("/api/v1/outcomes/tags/nothing/1/").status_code == 404


def test_switching_off_a_policy_in_use_is_409(api, staff):
    session = SessionFactory()
    policy_on(session.roundtable.edition, Scheme.GCM)
    client = api(staff)
    client.put(f"/api/v1/outcomes/tags/session/{session.pk}/", {"objectives": [5]}, format="json")
    policy = EditionTagging.objects.get(edition=session.roundtable.edition)
    assert client.delete(f"/api/v1/outcomes/tagging-policies/{policy.pk}/").status_code == 409


def test_since_filter_answers_what_became_of_each_recommendation(api, staff):
    old = RecommendationFactory(edition=EditionFactory(year_start=2016))
    new = RecommendationFactory(edition=EditionFactory(year_start=2021))
    FollowUpFactory(recommendation=new, status="implemented")
    body = api(staff).get("/api/v1/outcomes/recommendations/?since=2020").json()
    assert [r["id"] for r in body["results"]] == [new.pk]
    assert body["results"][0]["latest_status"] == "implemented"
    assert body["results"][0]["follow_ups"][0]["status"] == "implemented"
    assert old.pk not in [r["id"] for r in body["results"]]
    bad = api(staff).get("/api/v1/outcomes/recommendations/?since=soon")
    assert bad.status_code == 400


@pytest.mark.parametrize(
    "endpoint,make",
    [
        ("outcomes/recommendations/", "recommendations"),
        ("outcomes/follow-ups/", "followups"),
    ],
)
def test_list_query_count_is_fixed(endpoint, make, api, staff, django_assert_num_queries):
    client = api(staff)
    edition = EditionFactory()
    # Each recommendation names its outcome document: read in the page's join, no query.
    conclusions = document_create(
        actor=staff, edition=edition, kind="chair_conclusions", title="Conclusions"
    )

    def add(n):
        for _ in range(n):
            rec = RecommendationFactory(edition=edition, outcome_document=conclusions)
            FollowUpFactory(recommendation=rec)
            FollowUpFactory(recommendation=rec, reporting_country=country("FRA"))

    add(1)
    client.get(f"/api/v1/{endpoint}")  # warm the per-user caches
    with django_assert_num_queries(COUNTS[endpoint]) as one:
        assert client.get(f"/api/v1/{endpoint}").status_code == 200
    add(4)
    with django_assert_num_queries(COUNTS[endpoint]) as five:
        body = client.get(f"/api/v1/{endpoint}").json()
    assert body["count"] in (5, 10)
    assert len(one.captured_queries) == len(five.captured_queries)


COUNTS = {
    # page with its total (count(*) OVER ()) and latest status, outcome documents joined;
    # follow-ups and tags prefetched once per page
    "outcomes/recommendations/": 3,
    "outcomes/follow-ups/": 1,  # page with its total, editions and reporters
}


@pytest.mark.parametrize(
    "language,short,title_note",
    [("fr", "Envois de fonds", True), ("es", "Remesas", True), ("en", "Remittances", False)],
)
def test_objectives_in_french_and_spanish(language, short, title_note, api):
    response = api().get("/api/v1/outcomes/objectives/20/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    body = response.json()
    assert body["short_title"] == short
    assert body["title_is_official_english"] is title_note


def test_error_message_in_spanish(api, staff):
    session = SessionFactory()
    response = api(staff).put(
        f"/api/v1/outcomes/tags/session/{session.pk}/",
        {"objectives": [5]},
        format="json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert "desactivad" in response.json()["detail"]


def test_docx_export_text_in_three_languages(api, staff, rows):
    client = api(staff)
    url = f"/api/v1/outcomes/imrf-reports/{rows['report'].pk}/export/"
    texts = {}
    for language in ("en", "fr", "es"):
        response = client.get(f"{url}?file_format=docx&lang={language}")
        assert response.status_code == 200
        document = Document(io.BytesIO(response.content))
        texts[language] = "\n".join(p.text for p in document.paragraphs)
    assert "GFMD contribution to the IMRF, 2019-2022" in texts["en"]
    assert "Objective 20: Remittances" in texts["en"]
    assert "Contribution du FMMD au IMRF" in texts["fr"] or "FMMD" in texts["fr"]
    assert "Envois de fonds" in texts["fr"]
    assert "Remesas" in texts["es"]
    assert "FMMD" in texts["es"]


def test_opt_out_is_listed_for_staff_only(api, staff, outsider):
    ReportingOptOut.objects.create(country=country("FRA"))
    assert api(staff).get("/api/v1/outcomes/opt-outs/").json()["count"] == 1
    assert api(outsider).get("/api/v1/outcomes/opt-outs/").status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/outcomes/recommendations/?edition=99999999999999999999",
        "/api/v1/outcomes/recommendations/?since=-1",
        "/api/v1/outcomes/follow-ups/?recommendation=abc",
    ],
)
def test_bad_filters_are_400(url, api, staff):
    assert api(staff).get(url).status_code == 400


def test_huge_subject_id_is_404(api, staff):
    assert (
        api(staff).get("/api/v1/outcomes/tags/session/99999999999999999999999/").status_code == 404
    )


def test_follow_up_entries_are_never_edited_through_the_api(api, staff):
    entry = FollowUpFactory()
    client = api(staff)
    url = f"/api/v1/outcomes/follow-ups/{entry.pk}/"
    assert client.patch(url, {"status": "implemented"}, format="json").status_code == 405
    assert client.delete(url).status_code == 405
    entry.refresh_from_db()
    assert entry.status == "in_progress"


@pytest.mark.parametrize("language,title", [("fr", "Titre"), ("es", "Título"), ("en", "Title")])
def test_recommendations_in_french_and_spanish(language, title, api, staff):
    rec = RecommendationFactory(title="Title", title_fr="Titre", title_es="Título")
    client = api(staff)
    for url in ("/api/v1/outcomes/recommendations/", f"/api/v1/outcomes/recommendations/{rec.pk}/"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        body = response.json()
        row = body["results"][0] if "results" in body else body
        assert row["title_shown"] == title
