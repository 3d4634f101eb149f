"""The practices API: partner submission with OAuth2 scopes, anonymous reads (published
only, drafts 404), reverse links, images, answers in French and Spanish."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partnerships.enums import PracticeState
from partnerships.models import Practice
from tests.partnerships.factories import PracticeFactory, partner_bearer
from tests.roundtables.factories import SessionFactory, ThemeFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/practices/"


def _payload(edition, **extra):
    return {
        "title": "Recrutement équitable",
        "summary": "Le Maroc et l'Espagne forment des travailleurs saisonniers.",
        "original_language": "fr",
        "languages": ["fr", "es", "ar"],
        "countries": ["MAR", "ESP"],
        "source_edition": edition.pk,
        "contact_email": "contact@example.org",
        **extra,
    }


def test_partner_client_submits_and_reads_its_own_submission(edition):
    client, service_user = partner_bearer()
    response = client.post(URL, _payload(edition, external_ref="web-1"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "submitted" and body["original_language"] == "fr"
    assert [c["iso3"] for c in body["countries"]] == ["ESP", "MAR"]
    assert Practice.objects.get().submitted_by == service_user
    assert client.get(f"{URL}{body['id']}/").status_code == 200
    again = client.post(URL, _payload(edition, external_ref="web-1"), format="json")
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Practice.objects.count() == 1


def test_read_scope_alone_cannot_submit(edition):
    client, _user = partner_bearer(name="Reader", scopes=("practices:read",))
    response = client.post(URL, _payload(edition), format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "This token lacks the 'practices:write' scope."
    assert not Practice.objects.exists()


def test_global_with_countries_is_a_400_in_the_error_format(edition, staff, api):
    response = api(staff).post(URL, _payload(edition, is_global=True), format="json")
    assert response.status_code == 400
    assert "countries" in response.json()["fields"]
    assert not Practice.objects.exists()


def test_anonymous_sees_published_and_gets_404_for_drafts(api):
    published = PracticeFactory()
    draft = PracticeFactory(state=PracticeState.SUBMITTED)
    returned = PracticeFactory(state=PracticeState.RETURNED)
    listed = api().get(URL).json()["results"]
    assert [row["id"] for row in listed] == [published.pk]
    assert api().get(f"{URL}{published.pk}/").status_code == 200
    assert api().get(f"{URL}{draft.pk}/").status_code == 404
    assert api().get(f"{URL}{returned.pk}/").status_code == 404


def test_submitter_edits_and_resubmits_a_returned_practice(edition):
    client, user = partner_bearer()
    practice = PracticeFactory(state=PracticeState.RETURNED, submitted_by=user)
    edit = client.patch(f"{URL}{practice.pk}/", {"summary": "Better."}, format="json")
    assert edit.status_code == 200, edit.content
    resubmit = client.post(f"{URL}{practice.pk}/resubmit/", {}, format="json")
    assert resubmit.status_code == 200 and resubmit.json()["state"] == "submitted"


def test_staff_return_without_reason_is_400(staff, api):
    practice = PracticeFactory(state=PracticeState.IN_REVIEW)
    response = api(staff).post(f"{URL}{practice.pk}/return/", {"reason": ""}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["fields"]
    ok = api(staff).post(f"{URL}{practice.pk}/return/", {"reason": "Sources?"}, format="json")
    assert ok.status_code == 200 and ok.json()["return_reason"] == "Sources?"


def test_session_filter_is_the_reverse_link(api):
    session = SessionFactory()
    from_session = PracticeFactory(source_session=session)
    from_paper = PracticeFactory(source_paper=session.paper, source_session=session)
    PracticeFactory()
    ids = {row["id"] for row in api().get(URL, {"session": session.pk}).json()["results"]}
    assert ids == {from_session.pk, from_paper.pk}


def test_filters_by_theme_edition_language_and_country(api, edition):
    theme = ThemeFactory()
    tagged = PracticeFactory(source_edition=edition, title_es="Buenas prácticas")
    tagged.themes.add(theme)
    other = PracticeFactory(countries=["BRA"])

    def ids(**params):
        return [row["id"] for row in api().get(URL, params).json()["results"]]

    assert ids(theme=theme.pk) == [tagged.pk]
    assert ids(edition=edition.pk) == [tagged.pk]
    assert ids(language="es") == [tagged.pk]
    assert ids(country="BRA") == [other.pk]


@pytest.mark.parametrize(
    "language,title,missing",
    [("fr", "Travail saisonnier", ["summary"]), ("es", "Trabajo estacional", ["summary"])],
)
def test_answers_in_french_and_spanish(api, language, title, missing):
    practice = PracticeFactory(
        title="Seasonal work", title_fr="Travail saisonnier", title_es="Trabajo estacional"
    )
    response = api().get(f"{URL}{practice.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.json()["title"] == title
    assert response.json()["translated_fields_missing"] == missing
    assert response.headers["Content-Language"] == language


def _png(size=(32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_image_is_checked_by_content_and_reencoded(staff, api):
    practice = PracticeFactory()
    url = f"{URL}{practice.pk}/image/upload/"
    svg = SimpleUploadedFile("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    refused = api(staff).post(url, {"image": svg}, format="multipart")
    assert refused.status_code == 400 and "image" in refused.json()["fields"]
    tiny = SimpleUploadedFile("tiny.png", _png((4, 4)))
    assert api(staff).post(url, {"image": tiny}, format="multipart").status_code == 400
    good = SimpleUploadedFile("logo.png", _png() + b"<script>trailing</script>")
    response = api(staff).post(url, {"image": good}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["has_image"] is True
    practice.refresh_from_db()
    stored = practice.image.read()
    assert stored.startswith(b"\x89PNG") and b"<script>" not in stored
    download = api().get(f"{URL}{practice.pk}/image/")
    assert download.status_code == 200
