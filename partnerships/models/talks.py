"""A call for Platform for Partnerships talks at a Summit: proposals, reviews by the call's
reviewers and the selection (gfmd/platform/selection.py, the engine the Civil Society
Days' selection runs on too)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.names import validate_visible_text
from partnerships.enums import TalkCallState, TalkOutcome


class TalkCall(models.Model):
    edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.PROTECT,
        related_name="talk_calls",
        verbose_name=_("edition"),
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_visible_text])
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_es = models.CharField(_("title (Spanish)"), max_length=300, blank=True)
    places = models.PositiveSmallIntegerField(_("places"), default=6)
    waitlist_size = models.PositiveSmallIntegerField(_("waitlist size"), default=3)
    min_reviews = models.PositiveSmallIntegerField(_("minimum reviews"), default=2)
    max_per_organisation = models.PositiveSmallIntegerField(
        _("talks per organisation at most"), default=1
    )
    state = models.CharField(
        _("state"), max_length=10, choices=TalkCallState.choices, default=TalkCallState.OPEN
    )
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    warnings = models.JSONField(_("selection warnings"), default=list, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("call for PfP talks")
        verbose_name_plural = _("calls for PfP talks")
        permissions = [("manage_talkcall", _("Can run the selection of a call"))]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="talkcall_places_positive"),
            models.CheckConstraint(
                condition=Q(max_per_organisation__gte=1), name="talkcall_org_cap_positive"
            ),
            models.CheckConstraint(
                condition=Q(state__in=TalkCallState.values), name="talkcall_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TalkReviewer(models.Model):
    call = models.ForeignKey(
        TalkCall, on_delete=models.CASCADE, related_name="reviewers", verbose_name=_("call")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="pfp_reviewer_seats",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The reviewer's organisation: its proposals are not theirs to review."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("talk reviewer")
        verbose_name_plural = _("talk reviewers")
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="talkreviewer_once_per_call")
        ]

    def __str__(self) -> str:
        return str(self.user)


class TalkProposal(models.Model):
    call = models.ForeignKey(
        TalkCall, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("call")
    )
    practice = models.ForeignKey(
        "partnerships.Practice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talk_proposals",
        verbose_name=_("practice"),
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_visible_text])
    abstract = models.TextField(_("abstract"))
    proponent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("proponent"),
    )
    proponent_name = models.CharField(_("proponent name"), max_length=200)
    proponent_email = models.EmailField(_("proponent email"))
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # The selection's verdict with its explanation, written by talk_selection_run.
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=TalkOutcome.choices, blank=True, default=""
    )
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("talk proposal")
        verbose_name_plural = _("talk proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=TalkOutcome.values), name="talkproposal_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(waitlist_position__isnull=True) | Q(outcome=TalkOutcome.WAITLISTED),
                name="talkproposal_waitlist_position_only_waitlisted",
            ),
            models.UniqueConstraint(
                fields=["call", "waitlist_position"],
                condition=Q(waitlist_position__isnull=False),
                name="talkproposal_waitlist_position_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TalkReview(models.Model):
    proposal = models.ForeignKey(
        TalkProposal,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("proposal"),
    )
    reviewer = models.ForeignKey(
        TalkReviewer,
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("reviewer"),
    )
    score = models.PositiveSmallIntegerField(_("score"), help_text=_("1 (weak) to 5 (strong)."))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("talk review")
        verbose_name_plural = _("talk reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"], name="talkreview_once_per_reviewer"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="talkreview_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} ({self.score})"
