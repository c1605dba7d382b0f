from django.urls import path

from . import views

app_name = "roadmap"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("mine/", views.my_actions, name="my_actions"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/export.csv", views.action_list_csv, name="action_list_csv"),
    path("actions/<str:code>/", views.action_detail, name="action_detail"),
    path("actions/<str:code>/updates/", views.action_post_update, name="action_post_update"),
    path("actions/<str:code>/owner/", views.action_owner, name="action_owner"),
    path("groups/<slug:slug>/report/", views.group_report, name="group_report"),
    path("groups/<slug:slug>/report.csv", views.group_report_csv, name="group_report_csv"),
]
