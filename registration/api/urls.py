from rest_framework.routers import SimpleRouter

from registration.api import badges, checkin, letters

router = SimpleRouter()
router.register("registration/visa-letters", letters.VisaLetterViewSet, basename="visa-letter")
router.register("registration/badges", badges.BadgeViewSet, basename="badge")
router.register("registration/badge-batches", badges.BadgeBatchViewSet, basename="badge-batch")
router.register("registration/check-ins", checkin.CheckInViewSet, basename="check-in")

urlpatterns = router.urls
