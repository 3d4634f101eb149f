"""Every update path of the API (derived from the URL configuration, not a list of names)
answers a PATCH and a PUT of a real row of the demo data without a 5xx.

The row lock in ConditionalUpdateMixin once joined nullable relations of a default
manager (attendance, Friends of the Forum), which PostgreSQL refuses under FOR UPDATE.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from gfmd.platform.models import WebhookEndpoint
from gfmd.platform.services.webhooks import webhook_endpoint_save
from tests.factories import StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def update_routes(patterns=None, prefix=""):
    """(url template, viewset, lookup group) for each detail route mapping PUT or PATCH."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from update_routes(entry.url_patterns, route)
            continue
        if not isinstance(entry, URLPattern):
            continue
        actions = getattr(entry.callback, "actions", None) or {}
        groups = GROUP.findall(route)
        if {"put", "patch"} & set(actions) and len(groups) == 1 and "format" not in groups:
            yield "/" + GROUP.sub("{}", route), entry.callback.cls, groups[0], set(actions)


def test_every_update_path_answers_without_server_error(demo, api, settings):
    settings.WEBHOOKS_ALLOW_HTTP = settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    staff = StaffFactory()
    # the demo has no webhook subscription
    webhook_endpoint_save(
        actor=staff,
        endpoint=WebhookEndpoint(url="http://127.0.0.1:9/hook", event_types=["edition.changed"]),
    )
    client = api(staff)
    client.raise_request_exception = False
    routes = list(update_routes())
    assert len(routes) >= 20, routes

    failures, missing, tried = [], [], 0
    for template, viewset, lookup, methods in routes:
        model = viewset.queryset.model
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            missing.append(template)
            continue
        url = template.format(getattr(obj, viewset.lookup_field or lookup, obj.pk))
        read = client.get(url)
        headers = {"HTTP_IF_MATCH": read["ETag"]} if read.has_header("ETag") else {}
        body = read.json() if read.status_code == 200 else {}
        for method, payload in (("patch", {}), ("put", body)):
            if method not in methods:
                continue
            tried += 1
            response = getattr(client, method)(url, payload, format="json", **headers)
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url}: {response.status_code}")
            elif response.status_code == 200 and response.has_header("ETag"):
                headers = {"HTTP_IF_MATCH": response["ETag"]}

    assert tried >= 2 * len(routes) - 5, tried
    assert not failures, failures
    assert not missing, f"no demo row to update through: {missing}"
