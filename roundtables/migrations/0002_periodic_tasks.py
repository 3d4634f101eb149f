"""Schedule the roundtable reminders with celery beat. Lead times are the tasks' kwargs,
so staff change them (or add a second reminder) in the admin's Periodic tasks."""

import json

from django.db import migrations

TASKS = [
    (
        "Roundtables: consultation deadline reminders",
        "roundtables.remind_consultation_deadlines",
        {"days_before": 3},
        "Reminds consulted governments and observers that have not sent an input yet, "
        "'days_before' days before the consultation deadline.",
    ),
    (
        "Roundtables: open co-chair seat reminders",
        "roundtables.remind_open_seats",
        {"weeks_before": 8},
        "Tells the Support Unit and the chair which sessions still lack a co-chair, "
        "'weeks_before' weeks before the Forum.",
    ),
]


def forwards(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="UTC",
    )
    for name, task, kwargs, description in TASKS:
        PeriodicTask.objects.get_or_create(
            name=name,
            defaults={"task": task, "crontab": daily, "kwargs": json.dumps(kwargs),
                      "description": description},
        )


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        task__in=[t[1] for t in TASKS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("roundtables", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
