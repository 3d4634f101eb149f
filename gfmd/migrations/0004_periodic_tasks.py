"""Schedule the notification sweep with celery beat (editable in admin afterwards)."""

from django.db import migrations


def forwards(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Re-queue unsent notifications",
        defaults={"task": "gfmd.sweep_notifications", "interval": every,
                  "description": "Sends notifications left pending or failed, e.g. while "
                                 "the broker was down."},
    )


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        task="gfmd.sweep_notifications"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("gfmd", "0003_load_countries"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
