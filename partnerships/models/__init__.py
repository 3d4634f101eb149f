from partnerships.models.practices import Practice
from partnerships.models.talks import TalkCall, TalkProposal, TalkReview, TalkReviewer

__all__ = ["Practice", "TalkCall", "TalkProposal", "TalkReview", "TalkReviewer"]
