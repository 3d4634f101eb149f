from django.db import migrations


def forwards(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = IntervalSchedule.objects.get_or_create(every=1, period="days")
    PeriodicTask.objects.get_or_create(
        name="Forget old idempotency keys",
        defaults={"task": "gfmd.purge_idempotency_keys", "interval": every,
                  "kwargs": '{"days": 2}'},
    )


def backwards(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        task="gfmd.purge_idempotency_keys"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("gfmd", "0008_idempotency_keys")]
    operations = [migrations.RunPython(forwards, backwards)]
