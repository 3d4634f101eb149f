from rest_framework import routers

from contributions.api import views

router = routers.SimpleRouter()
router.register("contributions/pledges", views.PledgeViewSet)
router.register("contributions/receipts", views.ReceiptViewSet)
router.register("contributions/budgets", views.BudgetViewSet)
router.register("contributions/budget-lines", views.BudgetLineViewSet)
router.register("contributions/carry-overs", views.CarryOverViewSet)
router.register("contributions/exchange-rates", views.ExchangeRateViewSet)
router.register(
    "contributions/reports", views.ChairmanshipReportView, basename="contributions-report"
)

urlpatterns = router.urls
