"""The schedule admin of django-celery-beat, made safe for bad input.

Its crontab form shows the schedule in words from the fields as typed; for a value celery cannot
read (a negative minute, "1,,2") that raised and the page answered 500 instead of showing the
fields' own error messages. Here the words give way to a hint until the fields are valid.
"""

from celery.schedules import ParseException
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as celery_beat_admin
from django_celery_beat.models import CrontabSchedule

admin.site.unregister(CrontabSchedule)


@admin.register(CrontabSchedule)
class CrontabScheduleAdmin(celery_beat_admin.CrontabScheduleAdmin):
    @admin.display(description=_("human readable"))
    def human_readable(self, schedule: CrontabSchedule) -> str:
        try:
            return schedule.human_readable
        except (ParseException, ValueError):
            return _("Correct the fields below to see this schedule in words.")
