"""Spreadsheet columns of the ledger's exports (gfmd/platform/exports.py): lazy titles,
written in the language of the request that downloads the file."""

from django.utils.translation import gettext_lazy as _

from gfmd.platform.exports import Column


def _common(date_title, date_field) -> list[Column]:
    return [
        (_("Chairmanship"), lambda c: c.edition.title),
        (_("Government or organisation"), lambda c: c.body),
        (_("ISO3"), lambda c: c.country.iso3 if c.country_id else ""),
        (_("Kind"), lambda c: c.get_kind_display()),
        (_("In-kind type"), lambda c: c.get_in_kind_type_display()),
        (_("Currency"), lambda c: c.currency),
        (_("Amount"), lambda c: c.amount),
        (_("Value estimate"), lambda c: c.value_estimate),
        (_("Earmark"), lambda c: c.earmark),
        (date_title, lambda c: getattr(c, date_field)),
    ]


PLEDGE_COLUMNS: list[Column] = [
    *_common(_("Pledged on"), "pledged_on"),
    (_("Pledging meeting"), lambda p: p.pledging_meeting.title if p.pledging_meeting_id else ""),
]
RECEIPT_COLUMNS: list[Column] = [
    *_common(_("Received on"), "received_on"),
    (_("Settles pledge"), lambda r: r.pledge_id or ""),
]
