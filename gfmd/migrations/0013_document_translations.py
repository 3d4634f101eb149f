"""Document translations (one engine for every document kind), the edition's required
languages, and the daily reminder to translators (celery beat; lead time in its kwargs)."""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import gfmd.platform.models.translations
from django.conf import settings
import json

from django.db import migrations, models

REMINDER = (
    "Documents: translation due reminders",
    "gfmd.remind_translations_due",
    {"days_before": 3},
    "Reminds the translator (or whoever requested an external service's translation) "
    "'days_before' days before a translation is due.",
)


def schedule_reminder(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="6", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="UTC",
    )
    name, task, kwargs, description = REMINDER
    PeriodicTask.objects.get_or_create(
        name=name,
        defaults={"task": task, "crontab": daily, "kwargs": json.dumps(kwargs),
                  "description": description},
    )


def unschedule_reminder(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=REMINDER[1]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('gfmd', '0012_edition_years'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name='DocumentTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='document version id')),
                ('language', models.CharField(choices=[('en-gb', 'English'), ('fr', 'Français'), ('es', 'Español')], max_length=8, verbose_name='language')),
                ('kind', models.CharField(choices=[('original', 'Original'), ('human', 'Human translation'), ('machine', 'Machine translation')], default='human', max_length=8, verbose_name='kind')),
                ('state', models.CharField(choices=[('requested', 'Requested'), ('in_translation', 'In translation'), ('in_review', 'In review'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='requested', max_length=14, verbose_name='state')),
                ('state_changed_at', models.DateTimeField(blank=True, null=True)),
                ('translator_name', models.CharField(blank=True, help_text='An external translator or service, when no user account translates.', max_length=200, verbose_name='translation service')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                ('file', models.FileField(blank=True, max_length=200, upload_to=gfmd.platform.models.translations.translation_upload_to)),
                ('original_filename', models.CharField(blank=True, max_length=200)),
                ('media_type', models.CharField(blank=True, max_length=100)),
                ('size', models.PositiveBigIntegerField(default=0)),
                ('checksum', models.CharField(blank=True, max_length=64, verbose_name='SHA-256')),
                ('text', models.TextField(blank=True, help_text='The translated text, or the text extracted from DOCX/ODT.', verbose_name='text')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('requested_at', models.DateTimeField(auto_now_add=True)),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='document kind')),
                ('requested_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('translator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='translator')),
            ],
            options={
                'verbose_name': 'document translation',
                'verbose_name_plural': 'document translations',
                'ordering': ['content_type_id', 'object_id', 'language', 'id'],
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='doctr_document_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('state__in', ('requested', 'in_translation', 'in_review', 'published'))), fields=('content_type', 'object_id', 'language'), name='doctr_one_live_per_language', violation_error_message='This version already has a translation into this language.'), models.CheckConstraint(condition=models.Q(('state__in', ['requested', 'in_translation', 'in_review', 'published', 'withdrawn'])), name='doctr_state_valid'), models.CheckConstraint(condition=models.Q(('kind__in', ['original', 'human', 'machine'])), name='doctr_kind_valid'), models.CheckConstraint(condition=models.Q(('language__in', ['en-gb', 'fr', 'es'])), name='doctr_language_valid'), models.CheckConstraint(condition=models.Q(('translator__isnull', True), ('translator_name', ''), _connector='OR'), name='doctr_translator_user_or_name', violation_error_message="Name a translator's account or an external service, not both."), models.CheckConstraint(condition=models.Q(models.Q(('state__in', ('in_translation', 'in_review', 'published')), _negated=True), ('kind', 'original'), ('translator__isnull', False), models.Q(('translator_name', ''), _negated=True), _connector='OR'), name='doctr_working_has_translator', violation_error_message='Assign a translator before the translation starts.'), models.CheckConstraint(condition=models.Q(models.Q(('state__in', ('in_review', 'published')), _negated=True), models.Q(('file', ''), _negated=True), models.Q(('text', ''), _negated=True), _connector='OR'), name='doctr_reviewed_has_content', violation_error_message='A translation under review or published has a file or text.'), models.CheckConstraint(condition=models.Q(models.Q(('state', 'published'), _negated=True), models.Q(('approved_by__isnull', False), ('approved_at__isnull', False)), _connector='OR'), name='doctr_published_has_approver', violation_error_message='A published translation names who approved it.'), models.CheckConstraint(condition=models.Q(('approved_by__isnull', True), models.Q(('approved_by', models.F('translator')), _negated=True), _connector='OR'), name='doctr_approver_not_translator', violation_error_message='The translator cannot approve their own translation.'), models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text'), 1000000), name='doctr_text_bounded')],
            },
        ),
        migrations.CreateModel(
            name='RequiredTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(choices=[('en-gb', 'English'), ('fr', 'Français'), ('es', 'Español')], max_length=8, verbose_name='language')),
                ('edition', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='required_translations', to='gfmd.edition', verbose_name='edition')),
            ],
            options={
                'verbose_name': 'required translation',
                'verbose_name_plural': 'required translations',
                'ordering': ['edition_id', 'language'],
                'constraints': [models.UniqueConstraint(fields=('edition', 'language'), name='requiredtranslation_unique', violation_error_message='This language is already required for the edition.'), models.CheckConstraint(condition=models.Q(('language__in', ['en-gb', 'fr', 'es'])), name='requiredtranslation_language')],
            },
        ),
        migrations.RunPython(schedule_reminder, unschedule_reminder),
    ]
