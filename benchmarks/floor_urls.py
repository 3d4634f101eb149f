"""URLs for benchmarks/floor.py: the service's own URLs plus four views that do nothing,
each adding one layer every API request passes through."""

from django.http import HttpResponse
from django.urls import include, path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


def bare(request):
    return HttpResponse(b"{}", content_type="application/json")


def session_user(request):
    return HttpResponse(b'{"user":%d}' % request.user.pk, content_type="application/json")


class DrfView(APIView):
    """Authentication, permission and content negotiation, no throttling."""

    permission_classes = [IsAuthenticated]
    throttle_classes = []

    def get(self, request):
        return Response({"user": request.user.pk})


class ThrottledDrfView(DrfView):
    throttle_classes = APIView.throttle_classes  # the settings' classes, as on every endpoint


urlpatterns = [
    path("floor/bare/", bare),
    path("floor/session-user/", session_user),
    path("floor/drf/", DrfView.as_view()),
    path("floor/drf-throttled/", ThrottledDrfView.as_view()),
    path("", include("gfmd.config.urls")),
]
