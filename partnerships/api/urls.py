from rest_framework.routers import SimpleRouter

from partnerships.api import views

router = SimpleRouter()
router.register("practices", views.PracticeViewSet, basename="practice")
router.register("pfp/talk-calls", views.TalkCallViewSet, basename="pfp-talk-call")
router.register("pfp/talk-proposals", views.TalkProposalViewSet, basename="pfp-talk-proposal")
router.register("pfp/talk-reviews", views.TalkReviewViewSet, basename="pfp-talk-review")

urlpatterns = router.urls
