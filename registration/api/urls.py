from rest_framework.routers import SimpleRouter

from registration.api import views

router = SimpleRouter()
router.register("registrations", views.RegistrationViewSet, basename="registration")
router.register(
    "registration-categories", views.ParticipantCategoryViewSet, basename="registration-category"
)
router.register("registration-quotas", views.QuotaViewSet, basename="registration-quota")
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("credentials", views.CredentialViewSet, basename="credential")

urlpatterns = router.urls
