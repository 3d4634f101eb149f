"""A practice's GCM objectives and SDG targets: outcomes' tagging (one abstract tag row,
a table per subject, the edition's policy held by the database), registered as the
subject "practice" in PartnershipsConfig.ready()."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from outcomes.models.tagging import TagBase


class PracticeTag(TagBase):
    subject = models.ForeignKey(
        "partnerships.Practice",
        on_delete=models.CASCADE,
        related_name="tags",
        verbose_name=_("practice"),
    )

    class Meta(TagBase.Meta):
        verbose_name = _("practice tag")
        verbose_name_plural = _("practice tags")
