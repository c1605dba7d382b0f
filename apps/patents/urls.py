from django.urls import include, path

from .views import listings

app_name = "patents"

urlpatterns = [
    path("", listings.pool, name="pool"),
    path("listings/new/", listings.listing_create, name="listing_create"),
    path("listings/ours/", listings.my_listings, name="my_listings"),
    path("listings/<int:pk>/", listings.listing_detail, name="listing_detail"),
    path("listings/<int:pk>/edit/", listings.listing_edit, name="listing_edit"),
    path("listings/<int:pk>/publish/", listings.listing_publish, name="listing_publish"),
    path("listings/<int:pk>/withdraw/", listings.listing_withdraw, name="listing_withdraw"),
    path("listings/<int:pk>/document/", listings.listing_document, name="listing_document"),
    path(
        "organizations/<slug:slug>/licensing-contacts/",
        listings.licensing_contacts,
        name="licensing_contacts",
    ),
    path("", include("apps.patents.urls_requests")),
]
