"""The licence request pages. Included by urls.py inside the "patents" namespace."""

from django.urls import path

from .views import requests as views

urlpatterns = [
    path("requests/", views.request_list, name="requests"),
    path("listings/<int:listing_pk>/request/", views.request_create, name="request_create"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/accept/", views.request_accept, name="request_accept"),
    path("requests/<int:pk>/licence/", views.request_licence, name="request_licence"),
    path("requests/<int:pk>/decline/", views.request_decline, name="request_decline"),
    path("requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("requests/<int:pk>/message/", views.request_message, name="request_message"),
]
