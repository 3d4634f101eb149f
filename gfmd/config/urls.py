from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from oauth2_provider.views import IntrospectTokenView

from gfmd.config.views import health, set_language
from gfmd.feeds import meetings_feed
from gfmd.platform.admin.search import search_view
from gfmd.platform.api.routing import SegmentResolver, grouped
from gfmd.platform.oauth import ClientRevokeTokenView
from gfmd.platform.security import views as security_views
from gfmd.platform.security.login_limits import LimitedTokenView

# Every app's routes, grouped by first path segment (gfmd/platform/api/routing.py says why).
api_v1 = grouped(
    pattern
    for app in settings.PROJECT_APPS
    for pattern in import_module(f"{app}.api.urls").urlpatterns
)

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("account/two-factor/", security_views.enrol, name="two-factor"),
    path("account/two-factor/verify/", security_views.verify, name="two-factor-verify"),
    # before the admin's own patterns: "search/" would otherwise be read as an app label
    path(
        "admin/search/",
        admin.site.admin_view(lambda request: search_view(request, admin.site)),
        name="admin-search",
    ),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    SegmentResolver("api/v1/", api_v1),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # the Swagger UI's init script as its own request: no inline script under the CSP
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    # ReDoc without the Google Fonts links of drf-spectacular's template (offline, CSP)
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="gfmd/redoc.html"),
        name="api-redoc",
    ),
    path("api-auth/", include("rest_framework.urls")),
    # OAuth2 for partner systems: client credentials only (no browser authorisation flow).
    path("oauth/token/", LimitedTokenView.as_view(), name="oauth2-token"),
    path("oauth/revoke/", ClientRevokeTokenView.as_view(), name="oauth2-revoke"),
    path("oauth/introspect/", IntrospectTokenView.as_view(), name="oauth2-introspect"),
    path("health/", health, name="health"),
    path("feeds/<str:token>/meetings.ics", meetings_feed, name="feed-meetings"),
]

handler404 = "gfmd.config.views.not_found"
handler500 = "gfmd.config.views.server_error"
