import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint, one_of
from gfmd.platform.names import validate_visible_text, visible_text_constraint
from gfmd.platform.translations import DEFAULT_ORIGINAL_LANGUAGE
from roundtables.enums import (
    EDITABLE_STATES,
    FINAL_STATES,
    MAX_VERSION_TEXT_CHARS,
    ONE_PER_EDITION_KINDS,
    PAPER_KIND_CHOICES,
    PAPER_KINDS,
    ROUNDTABLE_PAPER,
    SESSION_KINDS,
    VERSION_STAGES,
    WORKING_GROUP_KINDS,
    Decision,
    PaperState,
    VersionKind,
)


def _private_path(folder: str, filename: str) -> str:
    # A random name: nothing about the paper, the session or the author is guessable, and
    # files are never served from MEDIA_URL (only by permission-checked views).
    suffix = PurePath(filename).suffix.lower()[:8]
    token = uuid.uuid4().hex
    return f"roundtables/{folder}/{token[:2]}/{token}{suffix}"


def version_upload_to(instance, filename: str) -> str:
    return _private_path("versions", filename)


def input_upload_to(instance, filename: str) -> str:
    return _private_path("inputs", filename)


class WorkingPaper(models.Model):
    """A document of the one document engine, moved through PAPER_TRANSITIONS: a
    roundtable session's working paper, or one of the Chair's documents (concept note,
    work plan, ...) of an edition. Its `kind` (enums.PAPER_KINDS) says which, whom its
    consultation addresses and whether it belongs to a session (docs/documents.md)."""

    kind = models.CharField(
        _("kind"), max_length=40, choices=PAPER_KIND_CHOICES, default=ROUNDTABLE_PAPER
    )
    edition = models.ForeignKey(
        "gfmd.Edition",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="papers",
    )
    # A session has one document of each per-session kind (its working paper, its
    # rapporteur report): `Session.paper` reads the working paper.
    session = models.ForeignKey(
        "roundtables.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
        help_text=_("Per-session documents only: the session the document serves or reports on."),
    )
    working_group = models.ForeignKey(
        "gfmd.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliverables",
        help_text=_("Working group deliverables only: the group that drafts it."),
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_visible_text])
    state = models.CharField(
        _("state"), max_length=14, choices=PaperState.choices, default=PaperState.PLANNED
    )
    adoption = models.ForeignKey(
        "gfmd.MeetingDecision",
        verbose_name=_("adoption"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The Steering Group decision that adopted the final document."),
    )
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    consultation_deadline = models.DateTimeField(_("consultation deadline"), null=True, blank=True)
    consultation_round = models.PositiveSmallIntegerField(
        _("consultation round"), default=0, help_text=_("How many times consultation was opened.")
    )
    final_version = models.ForeignKey(
        "roundtables.PaperVersion",
        verbose_name=_("final version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_public = models.BooleanField(
        _("is public"), default=False, help_text=_("Published by the Support Unit.")
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = [
            "edition__ordinal",
            "session__roundtable__number",
            "session__number",
            "kind",
            "id",
        ]
        verbose_name = _("working paper")
        verbose_name_plural = _("working papers")
        constraints = [
            visible_text_constraint("title", "workingpaper_title_visible"),
            CheckConstraint(condition=Q(kind__in=list(PAPER_KINDS)), name="paper_kind_valid"),
            CheckConstraint(
                condition=(Q(kind__in=SESSION_KINDS) & Q(session__isnull=False))
                | (~Q(kind__in=SESSION_KINDS) & Q(session__isnull=True)),
                name="paper_session_per_kind",
                violation_error_message=_(
                    "A working paper or rapporteur report belongs to a session; other documents "
                    "do not."
                ),
            ),
            CheckConstraint(
                condition=(Q(kind__in=WORKING_GROUP_KINDS) & Q(working_group__isnull=False))
                | (~Q(kind__in=WORKING_GROUP_KINDS) & Q(working_group__isnull=True)),
                name="paper_working_group_per_kind",
                violation_error_message=_(
                    "A working group deliverable names its working group; other documents do not."
                ),
            ),
            CheckConstraint(
                condition=Q(adoption__isnull=True) | Q(state__in=FINAL_STATES),
                name="paper_adopted_only_when_final",
                violation_error_message=_("Only a final or distributed document is adopted."),
            ),
            models.UniqueConstraint(
                fields=["session", "kind"],
                condition=Q(session__isnull=False),
                name="paper_one_per_session_kind",
                violation_error_message=_("This session already has a document of this kind."),
            ),
            models.UniqueConstraint(
                fields=["edition", "kind"],
                condition=Q(kind__in=ONE_PER_EDITION_KINDS),
                name="paper_one_per_edition",
                violation_error_message=_("This edition already has a document of this kind."),
            ),
            CheckConstraint(condition=Q(state__in=PaperState.values), name="paper_state_valid"),
            CheckConstraint(
                condition=~Q(state=PaperState.CONSULTATION)
                | Q(consultation_deadline__isnull=False),
                name="paper_consultation_has_deadline",
                violation_error_message=_("A paper in consultation has a deadline."),
            ),
            CheckConstraint(
                condition=~Q(state__in=FINAL_STATES) | Q(final_version__isnull=False),
                name="paper_final_has_version",
                violation_error_message=_("A final paper names its final version."),
            ),
            CheckConstraint(
                condition=Q(is_public=False) | Q(state__in=FINAL_STATES),
                name="paper_public_only_when_final",
                violation_error_message=_("Only a final or distributed paper can be public."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        per_session = PAPER_KINDS[self.kind].per_session if self.kind in PAPER_KINDS else False
        if per_session and self.session_id is None:
            raise ValidationError({"session": _("This kind of document needs its session.")})
        if not per_session and self.session_id is not None:
            raise ValidationError(
                {"session": _("Only a working paper or rapporteur report has a session.")}
            )
        per_group = self.kind in WORKING_GROUP_KINDS
        if per_group != (self.working_group_id is not None):
            raise ValidationError(
                {
                    "working_group": _(
                        "A working group deliverable names its working group; "
                        "other documents do not."
                    )
                }
            )
        if (
            self.session_id is not None
            and self.edition_id is not None
            and self.session.roundtable.edition_id != self.edition_id
        ):
            raise ValidationError({"edition": _("The paper's edition is its session's edition.")})

    @property
    def kind_spec(self):
        return PAPER_KINDS[self.kind]

    @property
    def code(self) -> str:
        """A short name for lists and messages: the session code, or the kind and edition."""
        if self.session_id is not None and self.kind == ROUNDTABLE_PAPER:
            return self.session.code
        return self.document_name()

    def document_name(self) -> str:
        """How messages name it: "RT 1.1 working paper" or "Concept note, GFMD 2024"."""
        if self.session_id is not None and self.kind != ROUNDTABLE_PAPER:
            return _("%(session)s %(kind)s") % {
                "session": self.session.code,
                "kind": self.get_kind_display().lower(),
            }
        if self.session_id is not None:
            return _("%(session)s working paper") % {"session": self.session.code}
        return _("%(kind)s, %(edition)s") % {
            "kind": self.get_kind_display(),
            "edition": self.edition,
        }


class PaperVersion(models.Model):
    """An immutable, numbered version of a paper: an uploaded file or a text revision.

    Nothing edits a version after it is written, except two marks set once: `released`
    on the latest version when consultation opens, and on the final version the list of
    inputs it took in, when the paper becomes final.
    """

    paper = models.ForeignKey(
        "roundtables.WorkingPaper",
        verbose_name=_("paper"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=4, choices=VersionKind.choices)
    file = models.FileField(_("file"), upload_to=version_upload_to, blank=True, max_length=200)
    original_filename = models.CharField(_("original filename"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("The revision's text, or the text extracted from DOCX/ODT."),
    )
    checksum = models.CharField(_("SHA-256"), max_length=64)
    note = models.TextField(_("note"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    stage = models.CharField(
        _("stage"),
        max_length=14,
        choices=VERSION_STAGES,
        default=PaperState.DRAFTING,
        help_text=_("The paper's state when this version was made."),
    )
    released = models.BooleanField(
        _("released"),
        default=False,
        help_text=_(
            "Put out for consultation: made during consultation, or the latest version "
            "when consultation opened. Readers whose access starts at consultation see only "
            "released versions and the final one."
        ),
    )
    included_inputs = models.ManyToManyField(
        "roundtables.Input",
        verbose_name=_("included inputs"),
        blank=True,
        related_name="final_versions",
    )
    # The language it was written in; its other language versions are DocumentTranslations
    # (gfmd/platform/models/translations.py, roundtables/services/translations.py).
    original_language = models.CharField(
        _("original language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=DEFAULT_ORIGINAL_LANGUAGE,
    )

    class Meta:
        ordering = ["paper_id", "number"]
        verbose_name = _("paper version")
        verbose_name_plural = _("paper versions")
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "number"],
                name="paperversion_number_unique",
                violation_error_message=_("This paper already has a version with this number."),
            ),
            CheckConstraint(
                condition=Q(stage__in=EDITABLE_STATES),
                name="paperversion_stage_editable",
                violation_error_message=_(
                    "Versions are made only while a paper is planned, drafting or in consultation."
                ),
            ),
            CheckConstraint(
                condition=~Q(stage=PaperState.CONSULTATION) | Q(released=True),
                name="paperversion_consultation_released",
                violation_error_message=_("A version made during consultation is released."),
            ),
            CheckConstraint(
                condition=LessThanOrEqual(Length("text"), MAX_VERSION_TEXT_CHARS),
                name="paperversion_text_bounded",
                violation_error_message=_("A version's text has at most 1,000,000 characters."),
            ),
            CheckConstraint(
                condition=(Q(kind=VersionKind.FILE) & ~Q(file=""))
                | (Q(kind=VersionKind.TEXT) & Q(file="") & ~Q(text="")),
                name="paperversion_kind_matches_content",
                violation_error_message=_(
                    "A file version has a file; a text revision has text and no file."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paper} v{self.number}"


class Input(models.Model):
    """A government's, observer organisation's or stakeholder mechanism's input to a paper
    in consultation (exactly one of the three: `input_one_body`)."""

    paper = models.ForeignKey(
        "roundtables.WorkingPaper",
        verbose_name=_("paper"),
        on_delete=models.PROTECT,
        related_name="inputs",
    )
    consultation_round = models.PositiveSmallIntegerField(_("consultation round"))
    country = models.ForeignKey(
        "gfmd.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mechanism = models.ForeignKey(
        "gfmd.Mechanism",
        verbose_name=_("mechanism"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    text = models.TextField(_("text"))
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("References and links the input rests on, one per line."),
    )
    attachment = models.FileField(
        _("attachment"), upload_to=input_upload_to, blank=True, max_length=200
    )
    attachment_name = models.CharField(_("attachment name"), max_length=200, blank=True)
    attachment_content_type = models.CharField(
        _("attachment content type"), max_length=100, blank=True
    )
    attachment_size = models.PositiveBigIntegerField(_("attachment size"), default=0)
    attachment_checksum = models.CharField(_("attachment checksum"), max_length=64, blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("decision reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["paper_id", "id"]
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        constraints = [
            CheckConstraint(
                condition=one_of("country", "organisation", "mechanism"),
                name="input_one_body",
                violation_error_message=_(
                    "An input comes from exactly one government, organisation or mechanism."
                ),
            ),
            CheckConstraint(
                condition=Q(decision__in=["", *Decision.values]), name="input_decision_valid"
            ),
            CheckConstraint(
                condition=Q(decision="") | ~Q(decision_reason=""),
                name="input_decision_has_reason",
                violation_error_message=_("A decision on an input needs a reason."),
            ),
        ]

    def __str__(self) -> str:
        return _("Input #%(id)s from %(body)s") % {"id": self.pk, "body": self.body}

    @property
    def body(self):
        return self.country or self.organisation or self.mechanism
