from django.urls import path
from rest_framework import permissions, routers

from gfmd.api import chair, mechanism_views, views
from gfmd.platform.api import views as platform_views
from gfmd.platform.api import webhooks
from gfmd.platform.api.preferences import PreferencesView
from gfmd.platform.api.search import SearchView


class APIRootView(routers.APIRootView):
    """The GFMD API: follow the links (each resource applies its own permissions)."""

    permission_classes = [permissions.AllowAny]


class Router(routers.DefaultRouter):
    APIRootView = APIRootView


router = Router()
router.register("countries", views.CountryViewSet)
router.register("organisations", views.OrganisationViewSet)
router.register("focal-points", views.FocalPointViewSet)
router.register("editions", views.EditionViewSet)
router.register("steering-group", views.SteeringGroupMembershipViewSet)
router.register("balance-policies", views.BalancePolicyViewSet)
router.register("friends-of-the-forum", views.FriendsParticipationViewSet)
router.register("meetings", views.MeetingViewSet)
router.register("agenda-items", views.AgendaItemViewSet)
router.register("attendance", views.AttendanceViewSet)
router.register("mechanisms", mechanism_views.MechanismViewSet)
router.register("mechanism-organisations", mechanism_views.MechanismOrganisationViewSet)
router.register("mechanism-participations", mechanism_views.MechanismParticipationViewSet)
router.register("local-governments", mechanism_views.LocalGovernmentViewSet)
router.register("working-groups", mechanism_views.WorkingGroupViewSet)
router.register("working-group-chairs", mechanism_views.WorkingGroupChairViewSet)
router.register("working-group-members", mechanism_views.WorkingGroupMemberViewSet)
router.register("meeting-decisions", chair.MeetingDecisionViewSet)
router.register("candidatures", chair.CandidatureViewSet)
router.register("activity", platform_views.ActivityLogViewSet)
router.register("notifications", platform_views.NotificationViewSet)
router.register("calendar-feeds", views.CalendarFeedsView, basename="calendar-feeds")
router.register("webhooks", webhooks.WebhookEndpointViewSet)
router.register("webhook-deliveries", webhooks.WebhookDeliveryViewSet)

urlpatterns = [
    path(
        "me/preferences/",
        PreferencesView.as_view({"get": "show", "put": "save"}),
        name="me-preferences",
    ),
    path("search/", SearchView.as_view({"get": "find"}), name="search"),
    *router.urls,
]
