from roundtables.api.views.papers import (
    InputViewSet,
    PaperVersionViewSet,
    WorkingPaperViewSet,
)
from roundtables.api.views.programme import (
    CoChairViewSet,
    RoundtableViewSet,
    SessionViewSet,
    TeamMembershipViewSet,
    ThemeViewSet,
)

__all__ = [
    "CoChairViewSet",
    "InputViewSet",
    "PaperVersionViewSet",
    "RoundtableViewSet",
    "SessionViewSet",
    "TeamMembershipViewSet",
    "ThemeViewSet",
    "WorkingPaperViewSet",
]
