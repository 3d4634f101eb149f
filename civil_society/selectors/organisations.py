"""Duplicate detection for civil-society organisations: same normalised name, same website
domain, or very similar names (difflib; portable, no PostgreSQL extension needed)."""

from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.models import CivilSocietyOrganisation
from civil_society.models.organisations import normalise_name, website_domain
from gfmd.platform.names import is_mixed_script

LOOK_ALIKE = _("look-alike letters from another script in the name")

SIMILARITY_THRESHOLD = 0.92


@dataclass(frozen=True)
class DuplicateMatch:
    organisation: CivilSocietyOrganisation
    reasons: tuple[str, ...]


def _reasons(name_key, domain, other: CivilSocietyOrganisation) -> tuple[str, ...]:
    reasons = []
    if name_key and other.normalised_name == name_key:
        reasons.append(gettext("same name once case, punctuation and legal form are ignored"))
    elif name_key and other.normalised_name:
        ratio = SequenceMatcher(None, name_key, other.normalised_name).ratio()
        if ratio >= SIMILARITY_THRESHOLD:
            reasons.append(gettext("very similar name (%(ratio)s)") % {"ratio": f"{ratio:.0%}"})
    if domain and other.website_domain == domain:
        reasons.append(gettext("same website domain (%(domain)s)") % {"domain": domain})
    return tuple(reasons)


def _look_alike(reasons: tuple[str, ...], *names: str) -> tuple[str, ...]:
    """Say so when a match involves a name that mixes scripts (Cyrillic 'а' among Latin
    letters): the likely case of a spoofed copy rather than a typo."""
    return (*reasons, str(LOOK_ALIKE)) if reasons and any(map(is_mixed_script, names)) else reasons


def possible_duplicates(
    *, name: str, website: str = "", exclude_id: int | None = None
) -> list[DuplicateMatch]:
    """Existing organisations that may be the same as one named `name` at `website`."""
    name_key, domain = normalise_name(name), website_domain(website)
    queryset = CivilSocietyOrganisation.objects.select_related("organisation").order_by("id")
    if exclude_id:
        queryset = queryset.exclude(pk=exclude_id)
    rows = queryset.only(
        "id", "normalised_name", "website_domain", "organisation__name", "organisation__website"
    )
    matches = []
    for other in rows:
        reasons = _reasons(name_key, domain, other)
        reasons = _look_alike(reasons, name, other.organisation.name)
        if reasons:
            matches.append(DuplicateMatch(other, reasons))
    return matches


def duplicate_groups() -> list[list[DuplicateMatch]]:
    """Groups of profiles that look like the same organisation, for staff to merge."""
    profiles = list(CivilSocietyOrganisation.objects.select_related("organisation").order_by("id"))
    parent = {p.pk: p.pk for p in profiles}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    reasons: dict[int, set[str]] = {p.pk: set() for p in profiles}
    by_name: dict[str, list] = {}
    by_domain: dict[str, list] = {}
    for p in profiles:
        by_name.setdefault(p.normalised_name, []).append(p)
        if p.website_domain:
            by_domain.setdefault(p.website_domain, []).append(p)
    keyed = [(gettext("same name"), g) for g in by_name.values()]
    keyed += [(gettext("same website domain"), g) for g in by_domain.values()]
    for why, group in keyed:
        if len(group) < 2:
            continue
        for p in group:
            reasons[p.pk].add(why)
            parent[find(p.pk)] = find(group[0].pk)
    names = sorted(by_name)
    for i, a in enumerate(names):
        for b in names[i + 1 : i + 40]:  # sorted: similar names sit close together
            if SequenceMatcher(None, a, b).ratio() >= SIMILARITY_THRESHOLD:
                for p in by_name[a] + by_name[b]:
                    reasons[p.pk].add(gettext("very similar name"))
                parent[find(by_name[b][0].pk)] = find(by_name[a][0].pk)
    groups: dict[int, list[DuplicateMatch]] = {}
    for p in profiles:
        if reasons[p.pk] and is_mixed_script(p.organisation.name):
            reasons[p.pk].add(str(LOOK_ALIKE))
        if reasons[p.pk]:
            groups.setdefault(find(p.pk), []).append(
                DuplicateMatch(p, tuple(sorted(reasons[p.pk])))
            )
    return [g for g in groups.values() if len(g) > 1]
