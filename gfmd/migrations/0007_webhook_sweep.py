"""Deliver due webhooks every minute with celery beat (editable in the admin)."""

from django.db import migrations


def forwards(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Deliver due webhooks",
        defaults={"task": "gfmd.deliver_due_webhooks", "interval": every,
                  "description": "Sends webhook deliveries whose next attempt is due "
                                 "(retries, and anything left while the broker was down)."},
    )


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        task="gfmd.deliver_due_webhooks"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("gfmd", "0006_webhooks")]
    operations = [migrations.RunPython(forwards, backwards)]
