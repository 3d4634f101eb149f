import re

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import validate_visible_text, visible_text_constraint
from roundtables.enums import ROUNDTABLE_PAPER


class Theme(models.Model):
    """A theme of the catalogue that persists across editions (recurring or emerging)."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_visible_text]
    )
    name_fr = models.CharField(
        _("name (French)"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    name_es = models.CharField(
        _("name (Spanish)"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    description = models.TextField(_("description"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    is_emerging = models.BooleanField(
        _("is emerging"),
        default=False,
        help_text=_("An emerging issue rather than one of the recurring themes."),
    )

    class Meta:
        constraints = [
            visible_text_constraint("name", "theme_name_visible"),
        ]
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Roundtable(models.Model):
    """A roundtable of an edition (e.g. RT 1), split into sessions."""

    edition = models.ForeignKey(
        "gfmd.Edition",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="roundtables",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300, validators=[validate_visible_text])
    title_fr = models.CharField(
        _("title (French)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    title_es = models.CharField(
        _("title (Spanish)"), max_length=300, blank=True, validators=[validate_visible_text]
    )

    class Meta:
        ordering = ["edition__ordinal", "number"]
        verbose_name = _("roundtable")
        verbose_name_plural = _("roundtables")
        constraints = [
            visible_text_constraint("title", "roundtable_title_visible"),
            models.UniqueConstraint(
                fields=["edition", "number"],
                name="roundtable_number_unique",
                violation_error_message=_(
                    "This edition already has a roundtable with this number."
                ),
            ),
            CheckConstraint(
                condition=Q(number__gte=1),
                name="roundtable_number_positive",
                violation_error_message=_("Roundtables are numbered from 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"RT {self.number}: {self.title}"


def session_code(roundtable_number: int, number: int) -> str:
    """A session's short name, e.g. "RT 1.2"."""
    return f"RT {roundtable_number}.{number}"


# "RT 1.2", "rt1.2" or "RT 1" inside a search: matched on the numbers, not as text
SESSION_CODE_PATTERN = re.compile(r"\bRT\s*(\d+)(?:\.(\d+))?\b", re.IGNORECASE)


def session_code_search(term: str, prefix: str = "") -> tuple[Q | None, str]:
    """(filter on the session code found in `term`, the rest of the term) for searches."""
    match = SESSION_CODE_PATTERN.search(term or "")
    if match is None:
        return None, term
    condition = Q(**{f"{prefix}roundtable__number": int(match[1])})
    if match[2]:
        condition &= Q(**{f"{prefix}number": int(match[2])})
    rest = (term[: match.start()] + " " + term[match.end() :]).strip()
    return condition, rest


def session_code_expression(prefix: str = ""):
    """`session_code` in SQL, for the session at `prefix` ("paper__session__")."""
    return Concat(
        Value("RT "),
        F(f"{prefix}roundtable__number"),
        Value("."),
        F(f"{prefix}number"),
        output_field=models.CharField(),
    )


class Session(models.Model):
    """A roundtable session (e.g. RT 1.2): two co-chairs, a government team, one paper."""

    roundtable = models.ForeignKey(
        "roundtables.Roundtable",
        verbose_name=_("roundtable"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300, validators=[validate_visible_text])
    title_fr = models.CharField(
        _("title (French)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    title_es = models.CharField(
        _("title (Spanish)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    theme = models.ForeignKey(
        "roundtables.Theme",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    description = models.TextField(_("description"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    observers_may_submit = models.BooleanField(
        _("observers may submit"),
        default=True,
        help_text=_("Observer organisations may submit inputs during consultation."),
    )
    slot_start = models.DateTimeField(
        _("slot start"), null=True, blank=True, help_text=_("Meeting slot start.")
    )
    slot_end = models.DateTimeField(_("slot end"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=100, blank=True)

    class Meta:
        ordering = ["roundtable__edition__ordinal", "roundtable__number", "number"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            visible_text_constraint("title", "session_title_visible"),
            models.UniqueConstraint(
                fields=["roundtable", "number"],
                name="session_number_unique",
                violation_error_message=_(
                    "This roundtable already has a session with this number."
                ),
            ),
            CheckConstraint(
                condition=Q(number__gte=1),
                name="session_number_positive",
                violation_error_message=_("Sessions are numbered from 1."),
            ),
            CheckConstraint(
                condition=Q(slot_start__isnull=True)
                | Q(slot_end__isnull=True)
                | Q(slot_end__gte=F("slot_start")),
                name="session_slot_ordered",
                violation_error_message=_("The slot cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        # the edition too: "RT 2.1" recurs every year (select roundtable__edition with it)
        return f"{self.roundtable.edition} · {self.code} {self.title}"

    @property
    def code(self) -> str:
        return session_code(self.roundtable.number, self.number)

    @property
    def paper(self):
        """The session's working paper (None before it exists). A session also has other
        per-session documents (its rapporteur report): `documents`, prefetched by the
        selectors, is read without a query."""
        documents = getattr(self, "_prefetched_objects_cache", {}).get("documents")
        if documents is not None:
            return next((d for d in documents if d.kind == ROUNDTABLE_PAPER), None)
        return self.documents.filter(kind=ROUNDTABLE_PAPER).first()
