from outcomes.models.recommendations import FollowUp, Recommendation
from outcomes.models.reference import Objective, SDGTarget
from outcomes.models.reports import IMRFReport, ReportSection
from outcomes.models.tagging import (
    CSDRecommendationTag,
    EditionTagging,
    InputTag,
    PaperTag,
    RecommendationTag,
    ReportingOptOut,
    SessionTag,
    TagBase,
)

__all__ = [
    "CSDRecommendationTag",
    "EditionTagging",
    "FollowUp",
    "IMRFReport",
    "InputTag",
    "Objective",
    "PaperTag",
    "Recommendation",
    "RecommendationTag",
    "ReportSection",
    "ReportingOptOut",
    "SDGTarget",
    "SessionTag",
    "TagBase",
]
