from django.contrib import admin
from django.urls import include, path

from apps.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("accounts/", include("apps.accounts.urls")),
    path("organizations/", include("apps.organizations.urls")),
    path("groups/", include("apps.working_groups.urls")),
    path("roadmap/", include("apps.roadmap.urls")),
    path("api/", include("apps.api.urls")),
    path("admin/", admin.site.urls),
]
