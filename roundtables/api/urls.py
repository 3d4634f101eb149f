from django.urls import path
from rest_framework.routers import SimpleRouter

from roundtables.api import views
from roundtables.api.views.calendar import sessions_feed
from roundtables.api.views.translations import PaperTranslationViewSet

router = SimpleRouter()
router.register("themes", views.ThemeViewSet)
router.register("roundtables", views.RoundtableViewSet)
router.register("sessions", views.SessionViewSet)
router.register("cochairs", views.CoChairViewSet)
router.register("team-members", views.TeamMembershipViewSet)
router.register("papers", views.WorkingPaperViewSet)
router.register("paper-versions", views.PaperVersionViewSet, basename="roundtables-version")
router.register("inputs", views.InputViewSet, basename="roundtables-input")
router.register("paper-translations", PaperTranslationViewSet, basename="roundtables-translation")

urlpatterns = [
    # calendar apps cannot log in: a signed personal token (gfmd.platform.calendar.feed_token)
    path(
        "roundtables-feeds/<str:token>/sessions.ics",
        sessions_feed,
        name="feed-roundtable-sessions",
    ),
    *router.urls,
]
