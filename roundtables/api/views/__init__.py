from roundtables.api.views.inputs import InputViewSet
from roundtables.api.views.papers import WorkingPaperViewSet
from roundtables.api.views.programme import (
    CoChairViewSet,
    RoundtableViewSet,
    SessionViewSet,
    TeamMembershipViewSet,
    ThemeViewSet,
)
from roundtables.api.views.versions import PaperVersionViewSet

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
