"""Seed volume for the outcomes: recommendations, follow-up entries and tags.

`manage.py seed_outcomes --recommendations 2000 --follow-ups 3` spreads recommendations
over the four editions that began last, with `--follow-ups` entries each (the same or a
later edition) and two GCM objectives and one SDG target each; tagging is switched on for
those editions. Bulk inserts (no audit entries): for measuring, not for real data.
"""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from gfmd.models import Country, Edition
from outcomes.enums import Addressee, FollowUpStatus, Scheme
from outcomes.models import (
    EditionTagging,
    FollowUp,
    Objective,
    Recommendation,
    RecommendationTag,
    SDGTarget,
)
from outcomes.services.reports import report_generate


class Command(BaseCommand):
    help = "Seed recommendations, follow-ups and tags; time an IMRF report over them."

    def add_arguments(self, parser):
        parser.add_argument("--recommendations", type=int, default=2000)
        parser.add_argument("--follow-ups", type=int, default=3)
        parser.add_argument("--seed", type=int, default=13)

    def handle(self, *args, **options):
        rng = random.Random(options["seed"])
        editions = list(Edition.objects.order_by("-year_start")[:4])[::-1]
        if len(editions) < 4:
            self.stderr.write("Needs four editions (run load_demo first).")
            return
        objectives = list(Objective.objects.values_list("id", flat=True))
        targets = list(SDGTarget.objects.values_list("id", flat=True))
        countries = list(Country.objects.filter(un_status="member").values_list("id", flat=True))
        with transaction.atomic():
            for edition in editions:
                for scheme in Scheme.values:
                    EditionTagging.objects.get_or_create(edition=edition, scheme=scheme)
            recs = Recommendation.objects.bulk_create(
                [
                    Recommendation(
                        edition=edition,
                        edition_ordinal=edition.ordinal,
                        source_label="Seeded",
                        title=f"Seeded recommendation {n}",
                        text="Seeded text.",
                        addressed_to=rng.choice(Addressee.values),
                    )
                    for n in range(options["recommendations"])
                    for edition in [rng.choice(editions)]
                ],
                batch_size=1000,
            )
            follow_ups, tags = [], []
            for rec in recs:
                later = [e for e in editions if e.ordinal >= rec.edition_ordinal]
                for _n in range(options["follow_ups"]):
                    edition = rng.choice(later)
                    follow_ups.append(
                        FollowUp(
                            recommendation=rec,
                            recommendation_ordinal=rec.edition_ordinal,
                            edition=edition,
                            edition_ordinal=edition.ordinal,
                            status=rng.choice(FollowUpStatus.values),
                            reporting_country_id=rng.choice(countries),
                        )
                    )
                for objective in rng.sample(objectives, 2):
                    tags.append(
                        RecommendationTag(
                            subject=rec,
                            scheme=Scheme.GCM,
                            objective_id=objective,
                            edition_id=rec.edition_id,
                        )
                    )
                tags.append(
                    RecommendationTag(
                        subject=rec,
                        scheme=Scheme.SDG,
                        sdg_target_id=rng.choice(targets),
                        edition_id=rec.edition_id,
                    )
                )
            FollowUp.objects.bulk_create(follow_ups, batch_size=2000)
            RecommendationTag.objects.bulk_create(tags, batch_size=2000)
        self.stdout.write(
            f"Seeded {len(recs)} recommendations, {len(follow_ups)} follow-ups, {len(tags)} tags."
        )
        from outcomes.models import IMRFReport

        report = IMRFReport.objects.create(
            title="Seeded IMRF report",
            year_from=editions[0].year_start,
            year_to=editions[-1].year_start,
        )
        started = time.perf_counter()
        report_generate(report_id=report.pk)
        self.stdout.write(
            f"IMRF report {report.year_from}-{report.year_to} generated in "
            f"{time.perf_counter() - started:.2f} s."
        )
