"""Civil-society organisations: registration with duplicate detection, the staff check of the
migrant-/diaspora-led declaration, and merging duplicates."""

from django.db import transaction
from django.utils.translation import gettext as _

from civil_society.enums import ApplicationStatus, LedCheck
from civil_society.models import (
    AdvisoryCommitteeMember,
    Application,
    CivilSocietyOrganisation,
    Review,
)
from civil_society.models.organisations import normalise_name, website_domain
from civil_society.selectors.organisations import possible_duplicates
from gfmd.enums import OrganisationKind
from gfmd.models import FocalPoint, Organisation
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.security.auth_cache import forget_users
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.records import record_delete, record_save


def _declared_check(migrant_led: bool, diaspora_led: bool, current: str) -> str:
    if not (migrant_led or diaspora_led):
        return LedCheck.NOT_DECLARED
    return LedCheck.PENDING if current == LedCheck.NOT_DECLARED else current


def _normalise(profile: CivilSocietyOrganisation) -> None:
    profile.normalised_name = normalise_name(profile.organisation.name)
    profile.website_domain = website_domain(profile.organisation.website)


@transaction.atomic
def cso_register(
    *,
    actor,
    name: str,
    sector: str,
    acronym: str = "",
    website: str = "",
    headquarters=None,
    migrant_led: bool = False,
    diaspora_led: bool = False,
    countries_of_work=(),
    allow_duplicate: bool = False,
) -> CivilSocietyOrganisation:
    """Create the organisation and its civil-society profile, unless it looks like one we have.

    A possible duplicate is refused (409, naming the matches) unless `allow_duplicate` is set
    by staff who checked that the two are different organisations.
    """
    matches = possible_duplicates(name=name, website=website)
    if matches and not allow_duplicate:
        listed = "; ".join(
            _("%(name)s (id %(id)s: %(reasons)s)")
            % {
                "name": m.organisation.organisation.name,
                "id": m.organisation.pk,
                "reasons": ", ".join(m.reasons),
            }
            for m in matches[:5]
        )
        raise ConflictError(
            _("This organisation may already be registered: %(matches)s.") % {"matches": listed},
            code="possible_duplicate",
        )
    organisation = record_save(
        actor=actor,
        instance=Organisation(
            name=name,
            acronym=acronym,
            kind=OrganisationKind.CIVIL_SOCIETY,
            website=website,
            headquarters=headquarters,
        ),
    )
    profile = CivilSocietyOrganisation(
        organisation=organisation,
        sector=sector,
        migrant_led=migrant_led,
        diaspora_led=diaspora_led,
        led_check=_declared_check(migrant_led, diaspora_led, LedCheck.NOT_DECLARED),
    )
    _normalise(profile)
    record_save(actor=actor, instance=profile)
    if countries_of_work:
        profile.countries_of_work.set(countries_of_work)
    if matches:
        log_action(
            actor,
            profile,
            "civilsocietyorganisation.duplicate_allowed",
            {"matches": [m.organisation.pk for m in matches]},
        )
    return profile


@transaction.atomic
def cso_update(*, actor, profile: CivilSocietyOrganisation, **fields) -> CivilSocietyOrganisation:
    """Change the organisation's or the profile's fields; a changed declaration is re-checked."""
    organisation = profile.organisation
    countries = fields.pop("countries_of_work", None)
    for name in ("name", "acronym", "website", "headquarters"):
        if name in fields:
            setattr(organisation, name, fields.pop(name))
    declared = (profile.migrant_led, profile.diaspora_led)
    for name, value in fields.items():
        setattr(profile, name, value)
    if (profile.migrant_led, profile.diaspora_led) != declared:
        profile.led_check = LedCheck.NOT_DECLARED
    profile.led_check = _declared_check(
        profile.migrant_led, profile.diaspora_led, profile.led_check
    )
    record_save(actor=actor, instance=organisation)
    _normalise(profile)
    record_save(actor=actor, instance=profile)
    if countries is not None:
        profile.countries_of_work.set(countries)
    return profile


@transaction.atomic
def cso_check_led(
    *, actor, profile: CivilSocietyOrganisation, confirmed: bool, note: str = ""
) -> CivilSocietyOrganisation:
    """Staff confirm or refuse the self-declared migrant-/diaspora-led status."""
    if not profile.declares_led:
        raise DomainError(
            _(
                "The organisation declares itself neither migrant- nor diaspora-led; "
                "nothing to check."
            ),
            field="led_check",
        )
    previous = profile.led_check
    profile.led_check = LedCheck.CONFIRMED if confirmed else LedCheck.REJECTED
    profile.led_check_note = note
    profile.save(update_fields=["led_check", "led_check_note"])
    log_action(
        actor,
        profile,
        "civilsocietyorganisation.check_led",
        {"changes": {"led_check": [previous, profile.led_check]}, "note": note},
    )
    return profile


def _move_focal_points(from_org, to_org) -> int:
    """Focal points are what permissions read: their users' cached snapshots go too."""
    focal_points = FocalPoint.objects.filter(organisation=from_org)
    forget_users(focal_points.values_list("user_id", flat=True))
    return focal_points.update(organisation=to_org)


@transaction.atomic
def cso_merge(
    *, actor, keep: CivilSocietyOrganisation, duplicate: CivilSocietyOrganisation
) -> CivilSocietyOrganisation:
    """Fold `duplicate` into `keep`: applications, committee seats, focal points, countries of
    work move over; the duplicate's profile and organisation are deleted."""
    if keep.pk == duplicate.pk:
        raise DomainError(_("Choose two different organisations to merge."))
    keep_org, dup_org = keep.organisation, duplicate.organisation
    clash = Application.objects.filter(
        organisation=duplicate, status=ApplicationStatus.SUBMITTED
    ).filter(
        csd_edition__in=Application.objects.filter(
            organisation=keep, status=ApplicationStatus.SUBMITTED
        ).values("csd_edition")
    )
    if clash.exists():
        raise ConflictError(
            _(
                "Both organisations applied to the same Civil Society Days; withdraw one "
                "application before merging."
            ),
            code="merge_conflict",
        )
    conflicted = Review.objects.filter(
        applicant_organisation=dup_org, reviewer_organisation=keep_org
    ) | Review.objects.filter(applicant_organisation=keep_org, reviewer_organisation=dup_org)
    if conflicted.exists():
        raise ConflictError(
            _(
                "A reviewer from one organisation reviewed the other's application: once merged "
                "that is a conflict of interest. Delete those reviews first."
            ),
            code="merge_conflict",
        )
    moved = {
        "applications": Application.objects.filter(organisation=duplicate).update(
            organisation=keep
        ),
        "committee_seats": AdvisoryCommitteeMember.objects.filter(organisation=dup_org).update(
            organisation=keep_org
        ),
        "focal_points": _move_focal_points(dup_org, keep_org),
        "reviews": Review.objects.filter(applicant_organisation=dup_org).update(
            applicant_organisation=keep_org
        )
        + Review.objects.filter(reviewer_organisation=dup_org).update(
            reviewer_organisation=keep_org
        ),
    }
    keep.countries_of_work.add(*duplicate.countries_of_work.all())
    for field in ("acronym", "website", "headquarters"):
        if not getattr(keep_org, field) and getattr(dup_org, field):
            setattr(keep_org, field, getattr(dup_org, field))
    record_save(actor=actor, instance=keep_org)
    snapshot = {"id": duplicate.pk, "name": dup_org.name, "website": dup_org.website}
    duplicate.countries_of_work.clear()
    record_delete(actor=actor, instance=duplicate)
    record_delete(actor=actor, instance=dup_org)
    _normalise(keep)
    keep.save(update_fields=["normalised_name", "website_domain"])
    log_action(actor, keep, "civilsocietyorganisation.merge", {"merged": snapshot, "moved": moved})
    return keep
