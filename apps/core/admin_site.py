"""The secretariat's admin site: its front page shows what is waiting for staff.

Apps add their own counts with `@waiting_for_staff` in their admin.py.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class WaitingItem:
    label: str
    count: int
    url: str


_waiting_item_providers = []


def waiting_for_staff(provider):
    """Register `provider(request) -> list[WaitingItem]` for the admin's front page."""
    _waiting_item_providers.append(provider)
    return provider


class AllianceAdminSite(admin.AdminSite):
    site_header = _("National Battery Alliance: secretariat")
    site_title = _("Alliance portal admin")
    index_title = _("Secretariat")
    index_template = "admin/alliance_index.html"

    def index(self, request, extra_context=None):
        waiting_items = [
            item for provider in _waiting_item_providers for item in provider(request) if item.count
        ]
        context = {"waiting_items": waiting_items, **(extra_context or {})}
        return super().index(request, extra_context=context)


class AllianceAdminConfig(AdminConfig):
    default_site = "apps.core.admin_site.AllianceAdminSite"
