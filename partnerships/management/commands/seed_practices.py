"""Seed N published practices (default 5,000) in English, French and Spanish for the
search benchmark: bulk inserts (the search trigger fills each vector), countries and
themes through their link tables. Not for production data."""

import random

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from gfmd.models import Country, Edition
from partnerships.models import Practice
from roundtables.models import Theme

WORDS = {
    "en": [
        "labour",
        "mobility",
        "skills",
        "remittances",
        "diaspora",
        "return",
        "integration",
        "recruitment",
        "children",
        "climate",
        "data",
        "health",
        "women",
        "youth",
    ],
    "fr": [
        "travailleurs",
        "mobilité",
        "compétences",
        "envois",
        "diaspora",
        "retour",
        "intégration",
        "recrutement",
        "enfants",
        "climat",
        "données",
        "santé",
        "femmes",
    ],
    "es": [
        "trabajadores",
        "movilidad",
        "competencias",
        "remesas",
        "diáspora",
        "retorno",
        "integración",
        "contratación",
        "niños",
        "clima",
        "datos",
        "salud",
        "mujeres",
    ],
}


class Command(BaseCommand):
    help = "Seed published practices for the search benchmark (docs/partnerships.md)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=5000)

    @transaction.atomic
    def handle(self, *args, count, **options):
        rng = random.Random(13)
        edition = Edition.objects.order_by("-ordinal").first()
        if edition is None:
            self.stderr.write("No edition: run load_demo first.")
            return
        countries = list(Country.objects.values_list("pk", flat=True))
        themes = list(Theme.objects.values_list("pk", flat=True))
        now = timezone.now()
        rows = []
        for i in range(count):
            language = ("en", "fr", "es")[i % 3]
            words = WORDS[language]
            rows.append(
                Practice(
                    title=" ".join(rng.sample(words, 3)).capitalize() + f" {i}",
                    summary=" ".join(rng.choices(words, k=30)),
                    original_language=language,
                    source_edition=edition,
                    state="published",
                    published_at=now,
                    languages=[language],
                )
            )
        created = Practice.objects.bulk_create(rows, batch_size=1000)
        Practice.countries.through.objects.bulk_create(
            [
                Practice.countries.through(practice_id=p.pk, country_id=c)
                for p in created
                for c in rng.sample(countries, 2)
            ],
            batch_size=2000,
        )
        if themes:
            Practice.themes.through.objects.bulk_create(
                [
                    Practice.themes.through(practice_id=p.pk, theme_id=rng.choice(themes))
                    for p in created
                ],
                batch_size=2000,
            )
        self.stdout.write(f"Seeded {len(created)} published practices.")
