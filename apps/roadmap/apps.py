from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "apps.roadmap"
    label = "roadmap"
    verbose_name = _("Roadmap")

    def ready(self):
        # Registers the roadmap's handover section and departure step with organizations.
        from . import handover  # noqa: F401
