import re
import unicodedata
from urllib.parse import urlsplit

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import LedCheck, Sector
from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import is_mixed_script, latin_skeleton

# Legal-form words dropped when comparing names ("Migrant Forum Asia Inc." = "Migrant Forum
# Asia"). Policy-light on purpose: these words never distinguish two organisations.
LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "plc",
        "corp",
        "corporation",
        "co",
        "gmbh",
        "ev",
        "ggmbh",
        "asbl",
        "aisbl",
        "vzw",
        "sa",
        "sarl",
        "srl",
        "bv",
        "nv",
        "ag",
        "ong",
        "ngo",
        "cic",
        "pty",
    }
)


def normalise_name(name: str) -> str:
    """Lower case, no accents, no punctuation, no leading 'the', no legal-form words; a
    name mixing Latin with look-alike letters of another script is read as all Latin."""
    if is_mixed_script(name):
        name = latin_skeleton(name)
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " and ")
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", text)  # e.V. -> ev, s.a. -> sa
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    while words and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def website_domain(url: str) -> str:
    """The registrable host of a website: no scheme, no 'www.', no port, lower case."""
    url = (url or "").strip().lower()
    if not url:
        return ""
    if "://" not in url:
        url = f"http://{url}"
    host = urlsplit(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


class CivilSocietyOrganisation(models.Model):
    """The civil-society profile of a gfmd.Organisation (kind civil_society).

    Name, acronym, headquarters and website live on the organisation, so focal points and
    permissions work the same way as for every other organisation.
    """

    organisation = models.OneToOneField(
        "gfmd.Organisation",
        on_delete=models.PROTECT,
        related_name="csd_profile",
        verbose_name=_("organisation"),
    )
    sector = models.CharField(max_length=20, choices=Sector.choices, verbose_name=_("sector"))
    migrant_led = models.BooleanField(
        default=False, help_text=_("Self-declared."), verbose_name=_("migrant led")
    )
    diaspora_led = models.BooleanField(
        default=False, help_text=_("Self-declared."), verbose_name=_("diaspora led")
    )
    led_check = models.CharField(
        max_length=20,
        choices=LedCheck.choices,
        default=LedCheck.NOT_DECLARED,
        help_text=_("Staff check of the self-declared migrant-/diaspora-led status."),
        verbose_name=_("led check"),
    )
    led_check_note = models.TextField(blank=True, verbose_name=_("led check note"))
    countries_of_work = models.ManyToManyField(
        "gfmd.Country", related_name="+", blank=True, verbose_name=_("countries of work")
    )
    normalised_name = models.CharField(
        max_length=200, db_index=True, editable=False, verbose_name=_("normalised name")
    )
    website_domain = models.CharField(
        max_length=200, db_index=True, blank=True, editable=False, verbose_name=_("website domain")
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    class Meta:
        ordering = ["organisation__name", "id"]
        verbose_name = _("civil-society organisation")
        verbose_name_plural = _("civil-society organisations")
        constraints = [
            CheckConstraint(
                condition=Q(sector__in=Sector.values),
                name="cso_sector_one_of_five",
                violation_error_message=_("The sector is one of the five CSD sectors."),
            ),
            CheckConstraint(
                condition=Q(led_check__in=LedCheck.values),
                name="cso_led_check_valid",
                violation_error_message=_("Unknown check status."),
            ),
            CheckConstraint(
                condition=(
                    Q(migrant_led=False, diaspora_led=False, led_check=LedCheck.NOT_DECLARED)
                )
                | (
                    (Q(migrant_led=True) | Q(diaspora_led=True))
                    & ~Q(led_check=LedCheck.NOT_DECLARED)
                ),
                name="cso_led_check_matches_declaration",
                violation_error_message=_(
                    "An organisation declared migrant- or diaspora-led "
                    "needs a check status; one that declares neither has none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def declares_led(self) -> bool:
        return self.migrant_led or self.diaspora_led

    @property
    def has_priority(self) -> bool:
        """Migrant-/diaspora-led priority applies unless the staff check refused it."""
        return self.declares_led and self.led_check != LedCheck.REJECTED

    @property
    def led_label(self) -> str:
        if self.migrant_led and self.diaspora_led:
            return gettext("migrant-led and diaspora-led")
        if self.migrant_led:
            return gettext("migrant-led")
        return gettext("diaspora-led") if self.diaspora_led else ""
