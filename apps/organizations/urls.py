from django.urls import path

from .views import applications, directory, people

app_name = "organizations"

urlpatterns = [
    # Public application, and the page people of a suspended or lapsed organization see.
    path("apply/", applications.apply, name="apply"),
    path("apply/thanks/", applications.apply_done, name="apply_done"),
    path("membership-status/", applications.membership_status, name="membership_status"),
    # Member directory and organization pages.
    path("", directory.directory, name="directory"),
    path("<slug:slug>/", directory.detail, name="detail"),
    path("<slug:slug>/edit/", directory.edit, name="edit"),
    # People of an organization, managed by its contacts and staff.
    path("<slug:slug>/people/", people.people, name="people"),
    path("<slug:slug>/people/invite/", people.invite, name="invite"),
    path("<slug:slug>/invitations/<int:pk>/resend/", people.invitation_resend, name="invitation_resend"),
    path("<slug:slug>/invitations/<int:pk>/revoke/", people.invitation_revoke, name="invitation_revoke"),
    path("<slug:slug>/memberships/<int:pk>/remove/", people.membership_remove, name="membership_remove"),
    path("<slug:slug>/memberships/<int:pk>/role/", people.membership_role, name="membership_role"),
    path("<slug:slug>/people/<int:user_id>/deactivate/", people.person_deactivate, name="person_deactivate"),
    path("<slug:slug>/people/<int:user_id>/handover/", people.person_handover, name="person_handover"),
]
