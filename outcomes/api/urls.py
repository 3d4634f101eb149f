from django.urls import path
from rest_framework.routers import SimpleRouter

from outcomes.api import views
from outcomes.api.archive import ArchiveViewSet, PublicationsFeed

router = SimpleRouter()
router.register("outcomes/objectives", views.ObjectiveViewSet, basename="outcomes-objective")
router.register("outcomes/sdg-targets", views.SDGTargetViewSet, basename="outcomes-sdg-target")
router.register(
    "outcomes/tagging-policies", views.EditionTaggingViewSet, basename="outcomes-tagging-policy"
)
router.register("outcomes/opt-outs", views.OptOutViewSet, basename="outcomes-opt-out")
router.register(
    "outcomes/recommendations", views.RecommendationViewSet, basename="outcomes-recommendation"
)
router.register("outcomes/follow-ups", views.FollowUpViewSet, basename="outcomes-follow-up")
router.register("outcomes/archive", ArchiveViewSet, basename="outcomes-archive")
router.register("outcomes/imrf-reports", views.IMRFReportViewSet, basename="outcomes-imrf-report")
router.register(
    "outcomes/report-sections", views.ReportSectionViewSet, basename="outcomes-report-section"
)

tags = views.TagsViewSet.as_view({"get": "read", "put": "replace"})

urlpatterns = [
    path("outcomes/tags/<slug:subject>/<str:pk>/", tags, name="outcomes-tags"),
    # before the router: "archive/feed.atom" would otherwise be read as a document id
    path("outcomes/archive/feed.atom", PublicationsFeed(), name="outcomes-archive-feed"),
    *router.urls,
]
