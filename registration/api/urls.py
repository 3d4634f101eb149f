from rest_framework.routers import SimpleRouter

from registration.api import badges, checkin, letters, views

router = SimpleRouter()
router.register("registrations", views.RegistrationViewSet, basename="registration")
router.register(
    "registration-categories", views.ParticipantCategoryViewSet, basename="registration-category"
)
router.register("registration-quotas", views.QuotaViewSet, basename="registration-quota")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("credentials", views.CredentialViewSet, basename="credential")
router.register("visa-letters", letters.VisaLetterViewSet, basename="visa-letter")
router.register("badges", badges.BadgeViewSet, basename="badge")
router.register("badge-batches", badges.BadgeBatchViewSet, basename="badge-batch")
router.register("check-ins", checkin.CheckInViewSet, basename="check-in")

urlpatterns = router.urls
