"""The reference data loader: the 23 GCM objectives and the SDG targets, from outcomes/data/.

Idempotent (keyed by objective number and target code): the English texts follow the
files; a French or Spanish text is filled from translations.csv only where it is empty,
so a translation staff entered in the admin is never overwritten. The first migration
runs it with the historical models; `manage.py migrate` on an existing database changes
nothing.
"""

import csv
from pathlib import Path

from django.apps import apps as global_apps

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name: str) -> list[dict]:
    with open(DATA / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def reference_load(apps=global_apps) -> dict:
    Objective = apps.get_model("outcomes", "Objective")
    SDGTarget = apps.get_model("outcomes", "SDGTarget")
    translations = {(r["scheme"], r["code"]): r for r in _rows("translations.csv")}
    counts = {"objectives": 0, "targets": 0}
    for row in _rows("gcm_objectives.csv"):
        objective, _created = Objective.objects.update_or_create(
            number=int(row["number"]),
            defaults={"short_title": row["short_title"], "title": row["title"]},
        )
        names = translations.get(("gcm", row["number"]), {})
        _fill(objective, {"short_title_fr": names.get("fr"), "short_title_es": names.get("es")})
        counts["objectives"] += 1
    for row in _rows("sdg_migration_targets.csv"):
        target, _created = SDGTarget.objects.update_or_create(
            code=row["target"],
            defaults={"summary": row["summary"], "goal": int(row["target"].split(".")[0])},
        )
        names = translations.get(("sdg", row["target"]), {})
        _fill(target, {"summary_fr": names.get("fr"), "summary_es": names.get("es")})
        counts["targets"] += 1
    return counts


def _fill(obj, values: dict) -> None:
    changed = [f for f, v in values.items() if v and not getattr(obj, f)]
    for field in changed:
        setattr(obj, field, values[field])
    if changed:
        obj.save(update_fields=changed)
