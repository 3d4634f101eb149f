from roundtables.models.cochairs import CoChair, TeamMembership
from roundtables.models.papers import Input, PaperVersion, WorkingPaper
from roundtables.models.programme import Roundtable, Session, Theme

__all__ = [
    "CoChair",
    "Input",
    "PaperVersion",
    "Roundtable",
    "Session",
    "TeamMembership",
    "Theme",
    "WorkingPaper",
]
