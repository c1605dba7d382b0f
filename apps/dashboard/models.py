from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

SINGLETON_ID = 1


class PublicProgressPage(models.Model):
    """The secretariat's switch for the public progress page: one row, edited in the admin."""

    is_enabled = models.BooleanField(
        _("show the public progress page"),
        default=False,
        help_text=_(
            "Anyone, signed in or not, may then read the roadmap's aggregate progress and the "
            "indicators at /progress/. Nothing about members, people, listings or requests is shown."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public progress page")
        verbose_name_plural = _("public progress page")
        constraints = [
            models.CheckConstraint(condition=Q(id=SINGLETON_ID), name="public_progress_page_singleton")
        ]

    def __str__(self):
        return str(_("Public progress page"))

    @classmethod
    def load(cls) -> "PublicProgressPage":
        page, _created = cls.objects.get_or_create(id=SINGLETON_ID)
        return page

    @classmethod
    def is_public(cls) -> bool:
        return cls.objects.filter(id=SINGLETON_ID, is_enabled=True).exists()
