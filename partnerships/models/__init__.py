from partnerships.models.practices import Practice
from partnerships.models.tags import PracticeTag
from partnerships.models.talks import TalkCall, TalkProposal, TalkReview, TalkReviewer

__all__ = ["Practice", "PracticeTag", "TalkCall", "TalkProposal", "TalkReview", "TalkReviewer"]
