"""Sign-in, passwords, profile and invitation acceptance. (Placeholder: being built.)"""

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass


def home(request):
    return HttpResponse("home")


def profile(request):
    return HttpResponse("profile")


def invitation_accept(request, token):
    return HttpResponse("invitation")
