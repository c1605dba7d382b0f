"""The outbox's Event model moves from the notifications app to the ground floor.

Only Django's record of the model moves: the table (notifications_event) stays as it is, and the
content type follows so that permissions and admin history keep pointing at it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="notifications", model="event").update(app_label="core")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="event").update(app_label="notifications")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('notifications', '0005_account_notice_kinds'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='Event',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('status_updated', 'Status update posted'), ('status_update_hidden', 'Status update hidden'), ('action_owner_named', 'Action owner named'), ('listing_published', 'Patent listing published'), ('listing_withdrawn', 'Patent listing withdrawn'), ('listing_hidden', 'Patent listing hidden'), ('licence_requested', 'Licence requested'), ('licence_request_changed', 'Licence request answered or changed'), ('licence_message_sent', 'Message on a licence request'), ('join_requested', 'Asked to join a working group'), ('group_lead_named', 'Working-group lead named'), ('application_submitted', 'Membership application received'), ('action_update_due', 'Action update due'), ('renewal_due', 'Membership renewal coming up'), ('application_approved', 'Membership application approved'), ('application_rejected', 'Membership application rejected'), ('membership_status_changed', 'Membership status changed'), ('membership_removed', 'Person removed from an organization'), ('membership_role_changed', 'Role in an organization changed'), ('join_decided', 'Join request decided'), ('group_member_added', 'Added to a working group')], max_length=40, verbose_name='kind')),
                ('subject_id', models.PositiveBigIntegerField()),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='details')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='when')),
                ('processed_at', models.DateTimeField(blank=True, null=True, verbose_name='processed')),
                ('claimed_until', models.DateTimeField(blank=True, editable=False, null=True)),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='delivery attempts')),
                ('next_attempt_at', models.DateTimeField(blank=True, editable=False, null=True)),
                ('dedup_key', models.CharField(blank=True, editable=False, max_length=120, null=True, unique=True)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                ('subject_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'verbose_name': 'event',
                'verbose_name_plural': 'events',
                'db_table': 'notifications_event',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['processed_at', 'created_at'], name='notificatio_process_8337c2_idx'), models.Index(fields=['subject_type', 'subject_id'], name='notificatio_subject_72c1c8_idx')],
            },
        ),
        ]),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
