from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import CommonSpaceRole, CommonSpaceSide, SessionOrigin
from gfmd.platform.models.checks import CheckConstraint, one_of
from gfmd.platform.names import validate_visible_text, visible_text_constraint


def _check_same_edition(record, session, field: str) -> None:
    """A linked roundtables session belongs to the Forum edition of these CSD."""
    if session is None or record.csd_edition_id is None:
        return
    if session.roundtable.edition_id != record.csd_edition.edition_id:
        raise ValidationError(
            {
                field: gettext(
                    "This government session belongs to another Forum edition than these CSD."
                )
            }
        )


class CSDSession(models.Model):
    """A CSD session: mirrors a government roundtable session, or a topic the CSD added or
    substituted (flagged by `origin`).

    `government_session` links the roundtables session mirrored (or replaced); the label
    stays for topics and for editions whose programme is not in the roundtables app.
    """

    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition",
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("CSD edition"),
    )
    code = models.CharField(
        max_length=20, help_text=_('Short reference, e.g. "CSD 1.2".'), verbose_name=_("code")
    )
    title = models.CharField(
        max_length=300, validators=[validate_visible_text], verbose_name=_("title")
    )
    theme = models.CharField(max_length=200, blank=True, verbose_name=_("theme"))
    origin = models.CharField(
        max_length=20,
        choices=SessionOrigin.choices,
        default=SessionOrigin.MIRRORS,
        verbose_name=_("origin"),
    )
    government_session_label = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The government roundtable session mirrored, or the topic substituted."),
        verbose_name=_("government session label"),
    )
    government_session = models.ForeignKey(
        "roundtables.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="csd_sessions",
        help_text=_("The government roundtable session mirrored or replaced, when it is known."),
        verbose_name=_("government session"),
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    starts_at = models.DateTimeField(null=True, blank=True, verbose_name=_("starts at"))

    class Meta:
        ordering = ["csd_edition_id", "code", "id"]
        verbose_name = _("CSD session")
        verbose_name_plural = _("CSD sessions")
        constraints = [
            visible_text_constraint("title", "csdsession_title_visible"),
            models.UniqueConstraint(
                fields=["csd_edition", "code"],
                name="csdsession_code_unique",
                violation_error_message=_("Another session of these CSD has this code."),
            ),
            CheckConstraint(
                condition=Q(origin__in=SessionOrigin.values),
                name="csdsession_origin_valid",
                violation_error_message=_("Unknown session origin."),
            ),
            CheckConstraint(
                condition=Q(origin=SessionOrigin.ADDED)
                | ~Q(government_session_label="")
                | Q(government_session__isnull=False),
                name="csdsession_mirror_names_government_session",
                violation_error_message=_(
                    "A mirrored or substituting session names the "
                    "government session or topic it relates to."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self):
        _check_same_edition(self, self.government_session, "government_session")

    @property
    def is_flagged(self) -> bool:
        return self.origin != SessionOrigin.MIRRORS


class Recommendation(models.Model):
    """A CSD recommendation to governments, addressed to a theme or a government session.

    `addressed_session` links the roundtables session; its co-chairs' and government team's
    focal points then see it (rules.py). The label stays for themes and older editions.
    """

    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition",
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("CSD edition"),
    )
    session = models.ForeignKey(
        "civil_society.CSDSession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
        verbose_name=_("session"),
    )
    title = models.CharField(
        max_length=300, validators=[validate_visible_text], verbose_name=_("title")
    )
    title_fr = models.CharField(
        _("title (French)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    title_es = models.CharField(
        _("title (Spanish)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    text = models.TextField(verbose_name=_("text"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    text_es = models.TextField(_("text (Spanish)"), blank=True)
    addressed_theme = models.CharField(
        max_length=200, blank=True, verbose_name=_("addressed theme")
    )
    addressed_session_label = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The government roundtable session addressed."),
        verbose_name=_("addressed session label"),
    )
    addressed_session = models.ForeignKey(
        "roundtables.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="csd_recommendations",
        help_text=_("The government roundtable session addressed, when it is known."),
        verbose_name=_("addressed session"),
    )
    is_published = models.BooleanField(
        default=False,
        help_text=_("Published recommendations are visible to governments."),
        verbose_name=_("is published"),
    )

    class Meta:
        ordering = ["csd_edition_id", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            visible_text_constraint("title", "recommendation_title_visible"),
            CheckConstraint(
                condition=~Q(addressed_theme="")
                | ~Q(addressed_session_label="")
                | Q(addressed_session__isnull=False),
                name="recommendation_has_addressee",
                violation_error_message=_(
                    "A recommendation is addressed to a theme or to a government session."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        _check_same_edition(self, self.addressed_session, "addressed_session")


class CommonSpaceSession(models.Model):
    """A Common Space session where governments and civil society meet jointly."""

    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition",
        on_delete=models.CASCADE,
        related_name="common_space",
        verbose_name=_("CSD edition"),
    )
    title = models.CharField(
        max_length=300, validators=[validate_visible_text], verbose_name=_("title")
    )
    theme = models.CharField(max_length=200, blank=True, verbose_name=_("theme"))
    date = models.DateField(null=True, blank=True, verbose_name=_("date"))
    description = models.TextField(blank=True, verbose_name=_("description"))

    class Meta:
        constraints = [
            visible_text_constraint("title", "commonspacesession_title_visible"),
        ]
        ordering = ["csd_edition_id", "date", "id"]
        verbose_name = _("Common Space session")
        verbose_name_plural = _("Common Space sessions")

    def __str__(self) -> str:
        return self.title


# A Common Space participant names exactly one body, the one matching its side.
ONE_BODY = one_of("country", "delegate", "organisation", "mechanism")


class CommonSpaceParticipant(models.Model):
    """A government (country), a CSD delegate, an observer organisation or a stakeholder
    mechanism (gfmd.Mechanism, e.g. the Mayors Mechanism) in a session."""

    session = models.ForeignKey(
        "civil_society.CommonSpaceSession",
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("session"),
    )
    side = models.CharField(max_length=20, choices=CommonSpaceSide.choices, verbose_name=_("side"))
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    delegate = models.ForeignKey(
        "civil_society.Delegate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("delegate"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    mechanism = models.ForeignKey(
        "gfmd.Mechanism",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mechanism"),
    )
    role = models.CharField(
        max_length=20,
        choices=CommonSpaceRole.choices,
        default=CommonSpaceRole.PARTICIPANT,
        verbose_name=_("role"),
    )

    class Meta:
        ordering = ["session_id", "side", "id"]
        verbose_name = _("common space participant")
        verbose_name_plural = _("common space participants")
        constraints = [
            CheckConstraint(
                condition=(Q(side=CommonSpaceSide.GOVERNMENT, country__isnull=False) & ONE_BODY)
                | (Q(side=CommonSpaceSide.CIVIL_SOCIETY, delegate__isnull=False) & ONE_BODY)
                | (Q(side=CommonSpaceSide.OBSERVER, organisation__isnull=False) & ONE_BODY)
                | (Q(side=CommonSpaceSide.MECHANISM, mechanism__isnull=False) & ONE_BODY),
                name="commonspace_participant_matches_side",
                violation_error_message=_(
                    "A government side names a country, the civil society side a CSD "
                    "delegate, an observer an organisation, a mechanism a stakeholder "
                    "mechanism: exactly one."
                ),
            ),
            models.UniqueConstraint(
                fields=["session", "country"],
                condition=Q(country__isnull=False),
                name="commonspace_country_once",
                violation_error_message=_("This government is already listed for the session."),
            ),
            models.UniqueConstraint(
                fields=["session", "delegate"],
                condition=Q(delegate__isnull=False),
                name="commonspace_delegate_once",
                violation_error_message=_("This delegate is already listed for the session."),
            ),
            models.UniqueConstraint(
                fields=["session", "organisation"],
                condition=Q(organisation__isnull=False),
                name="commonspace_organisation_once",
                violation_error_message=_("This organisation is already listed for the session."),
            ),
            models.UniqueConstraint(
                fields=["session", "mechanism"],
                condition=Q(mechanism__isnull=False),
                name="commonspace_mechanism_once",
                violation_error_message=_("This mechanism is already listed for the session."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country or self.delegate or self.organisation} ({self.get_side_display()})"


class PeoplesGlobalActionDocument(models.Model):
    """Findings of the People's Global Action on Migration, Development and Human Rights,
    presented to the delegates of an edition."""

    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition",
        on_delete=models.CASCADE,
        related_name="pga_documents",
        verbose_name=_("CSD edition"),
    )
    title = models.CharField(
        max_length=300, validators=[validate_visible_text], verbose_name=_("title")
    )
    summary = models.TextField(blank=True, verbose_name=_("summary"))
    url = models.URLField(blank=True, verbose_name=_("URL"))
    presented_on = models.DateField(null=True, blank=True, verbose_name=_("presented on"))

    class Meta:
        ordering = ["csd_edition_id", "presented_on", "id"]
        verbose_name = _("People's Global Action document")
        verbose_name_plural = _("People's Global Action documents")
        constraints = [
            visible_text_constraint("title", "peoplesglobalactiondocument_title_visible"),
            CheckConstraint(
                condition=~Q(summary="") | ~Q(url=""),
                name="pgadocument_has_content",
                violation_error_message=_("Give the findings' summary or a link to the document."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FriendsRepresentative(models.Model):
    """A selected CSD delegate registered as CSD representative at a Friends of the Forum
    meeting. The delegate's organisation is listed on the meeting as observer."""

    delegate = models.ForeignKey(
        "civil_society.Delegate",
        on_delete=models.PROTECT,
        related_name="friends_meetings",
        verbose_name=_("delegate"),
    )
    meeting = models.ForeignKey(
        "gfmd.Meeting",
        on_delete=models.CASCADE,
        related_name="csd_representatives",
        verbose_name=_("meeting"),
    )
    attendance = models.ForeignKey(
        "gfmd.Attendance",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("attendance"),
    )

    class Meta:
        ordering = ["meeting_id", "id"]
        verbose_name = _("CSD representative at Friends of the Forum")
        verbose_name_plural = _("CSD representatives at Friends of the Forum")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "delegate"],
                name="friendsrep_once_per_meeting",
                violation_error_message=_("This delegate is already registered for the meeting."),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(name)s at %(meeting)s") % {
            "name": self.delegate.full_name,
            "meeting": self.meeting,
        }
