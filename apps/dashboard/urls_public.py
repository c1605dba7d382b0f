from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.public_progress, name="progress"),
    path("<slug:slug>.csv", views.public_progress_csv, name="csv"),
]
