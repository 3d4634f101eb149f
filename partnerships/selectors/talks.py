"""Reads of calls for talks, proposals and reviews, scoped to the caller."""

from django.db.models import Count, Q

from gfmd.platform.roles import is_support_staff
from partnerships.models import TalkCall, TalkProposal, TalkReview
from partnerships.rules import reviewer_call_ids


def talk_calls_for_user(user):
    return TalkCall.objects.all()  # calls are public


def talk_proposals_for_user(user):
    """Staff: all; reviewers: the proposals of their calls; proponents: their own."""
    queryset = TalkProposal.objects.annotate(review_count=Count("reviews")).order_by("id")
    if is_support_staff(user):
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(Q(call_id__in=reviewer_call_ids(user)) | Q(proponent=user))


def talk_reviews_for_user(user):
    """Staff: all reviews; a reviewer: their own."""
    queryset = TalkReview.objects.order_by("id")
    if is_support_staff(user):
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.filter(reviewer__user=user)
