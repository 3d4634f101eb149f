import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.enums import STATE_STATUSES, DevelopmentStatus, MigrationPerspective, UNStatus
from gfmd.platform.models.checks import CheckConstraint

# Letters NFKD does not decompose into a base letter and a mark.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})


def search_key(text: str) -> str:
    """Lower case, no diacritics, every run of non-alphanumerics one space.

    The same folding builds `Country.search_text` and each search term, so matching is a
    plain substring test that behaves the same on PostgreSQL and SQLite ("Côte d’Ivoire",
    "COTE D'IVOIRE" and "cote d ivoire" all become "cote d ivoire").
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    kept = "".join(
        ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(kept.split())


class Country(models.Model):
    """A country or area of the UN M49 list. Reference data, plus the staff override."""

    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=40, db_index=True)
    sub_region = models.CharField(_("sub region"), max_length=60, blank=True)
    intermediate_region = models.CharField(_("intermediate region"), max_length=60, blank=True)
    un_status = models.CharField(_("un status"), max_length=20, choices=UNStatus.choices)
    un_member_since = models.PositiveSmallIntegerField(_("un member since"), null=True, blank=True)
    development_default = models.CharField(
        _("development default"), max_length=10, choices=DevelopmentStatus.choices
    )
    # Policy override by staff; blank means "use the M49 default".
    development_override = models.CharField(
        _("development override"), max_length=10, choices=DevelopmentStatus.choices, blank=True
    )
    override_reason = models.TextField(_("override reason"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("override by"),
    )
    override_at = models.DateTimeField(_("override at"), null=True, blank=True)
    # Migration perspective: policy data (blank: not set), overridable by staff with a
    # reason, like the development status. Shown in the Steering Group balance report.
    migration_perspective = models.CharField(
        _("migration perspective"), max_length=12, choices=MigrationPerspective.choices, blank=True
    )
    perspective_override = models.CharField(
        _("migration perspective override"),
        max_length=12,
        choices=MigrationPerspective.choices,
        blank=True,
    )
    perspective_override_reason = models.TextField(
        _("migration perspective override reason"), blank=True
    )
    # Every name and code folded by search_key(), kept by the loader (countries_load):
    # what country search matches against, on any database.
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("country")
        ordering = ["name"]
        verbose_name_plural = _("countries")
        constraints = [
            CheckConstraint(
                condition=Q(development_override="") | ~Q(override_reason=""),
                name="country_override_needs_reason",
                violation_error_message=_("A development status override needs a reason."),
            ),
            CheckConstraint(
                condition=Q(perspective_override="") | ~Q(perspective_override_reason=""),
                name="country_perspective_override_needs_reason",
                violation_error_message=_("A migration perspective override needs a reason."),
            ),
            CheckConstraint(
                condition=Q(migration_perspective__in=["", *MigrationPerspective.values])
                & Q(perspective_override__in=["", *MigrationPerspective.values]),
                name="country_perspective_valid",
            ),
            CheckConstraint(
                condition=Q(development_default__in=DevelopmentStatus.values),
                name="country_development_default_valid",
            ),
            CheckConstraint(
                condition=Q(development_override__in=["", *DevelopmentStatus.values]),
                name="country_development_override_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def development_status(self) -> str:
        return self.development_override or self.development_default

    @property
    def perspective(self) -> str:
        return self.perspective_override or self.migration_perspective

    @property
    def is_overridden(self) -> bool:
        return bool(self.development_override) and (
            self.development_override != self.development_default
        )

    @property
    def is_state(self) -> bool:
        return self.un_status in STATE_STATUSES
