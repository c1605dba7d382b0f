"""The notification schedule in django-celery-beat, which staff see and change in the admin:
digests daily at 07:00 and weekly on Monday at 07:00 (America/Toronto), reminders daily at
06:30, and a sweep every minute that delivers any event whose wake-up was lost."""

import json

from django.db import migrations

TIME_ZONE = "America/Toronto"
DAILY_DIGEST = "Daily digest"
WEEKLY_DIGEST = "Weekly digest"
REMINDERS = "Update reminders and renewal notices"
SWEEP = "Deliver waiting notifications (sweep)"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")

    def crontab(**fields):
        defaults = {"minute": "0", "hour": "*", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"}
        return CrontabSchedule.objects.get_or_create(**{**defaults, **fields}, timezone=TIME_ZONE)[0]

    every_minute = IntervalSchedule.objects.get_or_create(every=1, period="minutes")[0]
    tasks = [
        (DAILY_DIGEST, "apps.notifications.tasks.send_digests", crontab(hour="7"), ["daily"]),
        (WEEKLY_DIGEST, "apps.notifications.tasks.send_digests", crontab(hour="7", day_of_week="1"), ["weekly"]),
        (REMINDERS, "apps.notifications.tasks.record_reminders", crontab(minute="30", hour="6"), []),
    ]
    for name, task, cron, args in tasks:
        PeriodicTask.objects.get_or_create(
            name=name, defaults={"task": task, "crontab": cron, "args": json.dumps(args)}
        )
    PeriodicTask.objects.get_or_create(
        name=SWEEP, defaults={"task": "apps.notifications.tasks.deliver_notifications", "interval": every_minute}
    )


def unschedule(apps, schema_editor):
    names = [DAILY_DIGEST, WEEKLY_DIGEST, REMINDERS, SWEEP]
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_delivery_preferences_digests"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
