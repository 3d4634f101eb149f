"""The message storage is made when first used (gfmd.config.middleware.LazyMessageMiddleware):
an API request never makes it, and a message added still reaches the next page."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.utils.functional import empty

pytestmark = pytest.mark.django_db


def test_an_api_request_makes_no_message_storage(client, staff):
    client.force_login(staff)
    response = client.get("/api/v1/countries/?page_size=1")
    assert response.status_code == 200
    assert response.wsgi_request._messages._wrapped is empty
    assert "messages" not in response.cookies  # nothing stored, nothing written


def test_a_message_added_is_stored_and_shown_on_the_next_page(client, staff):
    client.force_login(staff)
    response = client.get("/admin/")
    request = response.wsgi_request
    messages.success(request, "Saved.")  # the lazy storage becomes Django's own
    assert isinstance(request._messages._wrapped, FallbackStorage)
    request._messages.update(response)
    client.cookies.update(response.cookies)
    page = client.get("/admin/")
    assert "Saved." in [str(m) for m in page.context["messages"]]
