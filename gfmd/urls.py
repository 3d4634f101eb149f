from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from oauth2_provider.views import IntrospectTokenView, RevokeTokenView, TokenView

from gfmd.feeds import meetings_feed
from gfmd.views import health

api_v1 = [
    path("", include("gfmd.api.urls")),
    path("", include("roundtables.api.urls")),
    path("", include("civil_society.api.urls")),
]

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("api-auth/", include("rest_framework.urls")),
    # OAuth2 for partner systems: client credentials only (no browser authorisation flow).
    path("oauth/token/", TokenView.as_view(), name="oauth2-token"),
    path("oauth/revoke/", RevokeTokenView.as_view(), name="oauth2-revoke"),
    path("oauth/introspect/", IntrospectTokenView.as_view(), name="oauth2-introspect"),
    path("health/", health, name="health"),
    path("feeds/<str:token>/meetings.ics", meetings_feed, name="feed-meetings"),
]

handler404 = "gfmd.views.not_found"
