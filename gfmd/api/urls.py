from django.urls import get_resolver, path
from rest_framework import permissions, routers

from gfmd.api import chair, mechanism_views, views
from gfmd.platform.api import views as platform_views
from gfmd.platform.api import webhooks
from gfmd.platform.api.preferences import PreferencesView
from gfmd.platform.api.search import SearchView


class APIRootView(routers.APIRootView):
    """The GFMD API: follow the links (each resource applies its own permissions).

    Lists every app's resources: the list routes found under /api/v1/ (the project's URL
    configuration mounts the view there with `api_root_dict=None`), so a new app's
    router appears without being named here."""

    permission_classes = [permissions.AllowAny]
    api_root_dict = None

    def get(self, request, *args, **kwargs):
        if self.api_root_dict is None:
            type(self).api_root_dict = _list_routes(get_resolver(), "")
        return super().get(request, *args, **kwargs)


def _list_routes(resolver, prefix: str) -> dict:
    """{"sessions": "session-list", ...} for every list route under /api/v1/."""
    found = {}
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            found.update(_list_routes(pattern, route))
        elif (pattern.name or "").endswith("-list") and route.startswith("api/v1/"):
            resource = route.removeprefix("api/v1/").replace("^", "").replace("$", "").strip("/")
            if "<" not in resource and "(" not in resource:
                found[resource] = pattern.name
    return dict(sorted(found.items()))


class Router(routers.DefaultRouter):
    include_root_view = False  # the root is APIRootView above, mounted in urlpatterns


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
    path("", APIRootView.as_view(), name="api-root"),
    *router.urls,
]
