from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from apps.accounts import views as account_views
from apps.core import views as core_views

# Pages carry their language: /en/... and /fr/..., so a shared link opens in the language it
# was sent in. "/" and other unprefixed addresses redirect by cookie, then the browser's language.
urlpatterns = [
    path("i18n/language/", core_views.set_language, name="set_language"),
    path("api/", include("apps.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", account_views.home, name="home"),
    path("accounts/", include("apps.accounts.urls")),
    path("organizations/", include("apps.organizations.urls")),
    path("groups/", include("apps.working_groups.urls")),
    path("roadmap/", include("apps.roadmap.urls")),
    path("patents/", include("apps.patents.urls")),
    path("notifications/", include("apps.notifications.urls")),
    path("dashboard/", include("apps.dashboard.urls")),
    path("progress/", include("apps.dashboard.urls_public")),
    path("admin/", admin.site.urls),
)
