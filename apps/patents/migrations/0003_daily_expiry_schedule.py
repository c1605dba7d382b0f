"""Schedule the daily expiry sweep in django-celery-beat (staff can change it in the admin)."""

from django.db import migrations

TASK_NAME = "Expire patent listings past their expiry date"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="15", hour="1", day_of_week="*", day_of_month="*", month_of_year="*", timezone="America/Toronto"
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME, defaults={"task": "apps.patents.tasks.expire_listings_task", "crontab": crontab}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("patents", "0002_technology_areas"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
