from rest_framework.routers import SimpleRouter

from civil_society.api import views

router = SimpleRouter()
router.register("csd/editions", views.CSDEditionViewSet, basename="csd-edition")
router.register("csd/committee", views.AdvisoryCommitteeMemberViewSet, basename="csd-committee")
router.register(
    "csd/organisations", views.CivilSocietyOrganisationViewSet, basename="csd-organisation"
)
router.register("csd/applications", views.ApplicationViewSet, basename="csd-application")
router.register("csd/delegates", views.DelegateViewSet, basename="csd-delegate")
router.register("csd/reviews", views.ReviewViewSet, basename="csd-review")
router.register(
    "csd/selection-policies", views.SelectionPolicyViewSet, basename="csd-selection-policy"
)
router.register("csd/proposals", views.SelectionProposalViewSet, basename="csd-proposal")
router.register("csd/proposal-entries", views.ProposalEntryViewSet, basename="csd-proposal-entry")
router.register("csd/sessions", views.CSDSessionViewSet, basename="csd-session")
router.register("csd/recommendations", views.RecommendationViewSet, basename="csd-recommendation")
router.register("csd/common-space", views.CommonSpaceSessionViewSet, basename="csd-common-space")
router.register(
    "csd/common-space-participants",
    views.CommonSpaceParticipantViewSet,
    basename="csd-common-space-participant",
)
router.register(
    "csd/pga-documents", views.PeoplesGlobalActionDocumentViewSet, basename="csd-pga-document"
)
router.register(
    "csd/friends-representatives",
    views.FriendsRepresentativeViewSet,
    basename="csd-friends-representative",
)

urlpatterns = router.urls
