"""Sign-in, passwords, the profile, invitation acceptance and the home page."""

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from apps.core.errors import DomainError
from apps.core.i18n import answer_in_language
from apps.core.rate_limits import Limit, first_limit_hit, per_client, too_many_requests
from apps.roadmap import selectors as roadmap_selectors

from . import selectors, services
from .forms import (
    InvitationAcceptForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
    SignInForm,
)
from .membership import is_portal_member
from .models import Invitation, User, canonical_email
from .recent_authentication import recent_authentication_record
from .services_visits import user_record_home_visit

# The home page shows the first few; "My actions" and the action pages have the rest.
HOME_ACTION_COUNT = 10
HOME_UPDATE_COUNT = 10


class BadInputStatusMixin:
    """Re-render an invalid form with status 400, as every form of the portal does."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SignInView(BadInputStatusMixin, auth_views.LoginView):
    """Sign in with e-mail (any case) and password, then go to `next` or home.

    django-axes counts the failures; its middleware swaps in the lockout page once there are too many.
    """

    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        """Once signed in, the portal speaks the language on the person's profile."""
        response = super().form_valid(form)
        # The password was just typed: creating an API token needs no second confirmation now.
        recent_authentication_record(self.request)
        return answer_in_language(response, form.get_user().preferred_language)


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have signed out."))
        return response


def tell_tokens_revoked(request, count: int) -> None:
    """A new password ends the person's API tokens (user_password_set); say so where they are."""
    if count:
        text = ngettext(
            "Your API token was revoked with your old password: scripts using it stop working. "
            "Create a new one on your API tokens page.",
            "Your %(count)d API tokens were revoked with your old password: scripts using them stop "
            "working. Create new ones on your API tokens page.",
            count,
        )
        messages.warning(request, text % {"count": count})


class PasswordChangeView(BadInputStatusMixin, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        tell_tokens_revoked(self.request, form.revoked_token_count)
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(BadInputStatusMixin, auth_views.PasswordResetView):
    """Ask for a reset link; limited per client address and per address asked for, as each
    request sends an e-mail. Over a limit the person is told when to try again; nothing is sent."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = canonical_email(form.cleaned_data["email"])
        reached = first_limit_hit(
            self.request,
            [
                per_client(self.request, "password-reset", settings.PASSWORD_RESET_RATE_PER_CLIENT),
                Limit("password-reset", f"email:{email}", settings.PASSWORD_RESET_RATE_PER_EMAIL),
            ],
        )
        if reached is not None:
            message = _(
                "There have been too many requests for a password reset link from here or for this address."
            )
            return too_many_requests(self.request, reached, message)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(BadInputStatusMixin, auth_views.PasswordResetConfirmView):
    """Set a new password from the e-mailed link; a used or expired link answers 410."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        tell_tokens_revoked(self.request, form.revoked_token_count)
        # Whoever can read the mailbox owns the account, so a lockout has nothing left to protect.
        axes_reset(username=canonical_email(self.user.email))
        return response

    def render_to_response(self, context, **response_kwargs):
        if not self.validlink:
            response_kwargs["status"] = 410
        return super().render_to_response(context, **response_kwargs)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def home(request):
    """The landing page for visitors, a member's own home page for members: their organizations
    and groups, the roadmap actions they must update (due first), and the latest updates in their
    groups, those posted by others since their previous visit marked "New".

    Signed-in people who are not portal members (their organizations are suspended or lapsed)
    go to the page that explains their membership status.
    """
    user = request.user
    if not user.is_authenticated:
        return render(request, "landing.html")
    if not is_portal_member(user):
        return redirect("organizations:membership_status")
    previous_visit_at = user_record_home_visit(user=user)
    organization_rows = [
        (membership, _can_manage_people(user, membership)) for membership in selectors.memberships_of(user)
    ]
    latest_updates = list(roadmap_selectors.latest_updates_in_groups(user=user, limit=HOME_UPDATE_COUNT))
    for update in latest_updates:
        update.is_new = update.author_id != user.pk and (
            previous_visit_at is None or update.created_at > previous_visit_at
        )
    context = {
        "organization_rows": organization_rows,
        "group_memberships": selectors.group_memberships_of(user),
        "actions_to_update": list(
            roadmap_selectors.actions_to_update(user=user, include_done=False)[:HOME_ACTION_COUNT]
        ),
        "latest_updates": latest_updates,
        "new_update_count": sum(1 for update in latest_updates if update.is_new),
        "previous_visit_at": previous_visit_at,
    }
    return render(request, "home.html", context)


def _can_manage_people(user, membership) -> bool:
    """`can_manage_organization` for a membership already in hand, without a query per row."""
    if user.is_staff:
        return True
    return membership.is_contact and membership.organization.is_active


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Any signed-in person's own page, member or not: name, job title and where they belong."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                services.user_update_profile(user=user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(_form_field(form, error), error.message)
            else:
                with translation.override(user.preferred_language):
                    messages.success(request, _("Your profile is saved."))
                return answer_in_language(redirect("accounts:profile"), user.preferred_language)
    else:
        form = ProfileForm(
            initial={
                "full_name": user.full_name,
                "job_title": user.job_title,
                "preferred_language": user.preferred_language,
            }
        )
    context = {
        "form": form,
        "memberships": selectors.memberships_of(user),
        "group_memberships": selectors.group_memberships_of(user),
        "api_tokens": selectors.api_tokens_of(user),
        "api_token_lifetime_days": settings.API_TOKEN_LIFETIME_DAYS,
    }
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


# What the person opening an invitation link can do, given who they are signed in as.
NEWCOMER = "newcomer"
READY_TO_ACCEPT = "accept"
MUST_SIGN_IN = "sign_in"
WRONG_ACCOUNT = "wrong_account"
ACCOUNT_DEACTIVATED = "deactivated"


def _acceptance_situation(user, account: User | None) -> str:
    if account is not None and not account.is_active:
        return ACCOUNT_DEACTIVATED
    if user.is_authenticated and (account is None or user.pk != account.pk):
        return WRONG_ACCOUNT
    if account is None:
        return NEWCOMER
    if user.is_authenticated:
        return READY_TO_ACCEPT
    return MUST_SIGN_IN


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """The page an invitation link opens: who invites whom to what, and the way to accept.

    A newcomer sets a name and password; a person with an account accepts while signed in as
    the invited address. Unknown links answer 404; used, revoked and expired ones 410.
    """
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", {"reason": "unknown"}, status=404)
    if invitation.state != Invitation.State.PENDING:
        context = {"invitation": invitation, "reason": invitation.state}
        return render(request, "accounts/invitation_invalid.html", context, status=410)
    if not invitation.organization.is_active:
        context = {"invitation": invitation, "reason": "organization_inactive"}
        return render(request, "accounts/invitation_invalid.html", context, status=409)

    account = User.objects.filter(email=canonical_email(invitation.email)).first()
    situation = _acceptance_situation(request.user, account)
    form = None
    if situation == NEWCOMER:
        form = InvitationAcceptForm(
            request.POST if request.method == "POST" else None,
            initial={"full_name": invitation.full_name},
        )
    context = {"invitation": invitation, "situation": situation, "form": form, "error": None}

    if request.method == "POST":
        if situation not in (NEWCOMER, READY_TO_ACCEPT):
            return render(request, "accounts/invitation_accept.html", context, status=403)
        if form is not None and not form.is_valid():
            return render(request, "accounts/invitation_accept.html", context, status=400)
        newcomer_details = {}
        if form is not None:
            newcomer_details = {
                "full_name": form.cleaned_data["full_name"],
                "password": form.cleaned_data["password"],
            }
        try:
            person = services.invitation_accept(
                token=token,
                user=request.user if request.user.is_authenticated else None,
                **newcomer_details,
            )
        except DomainError as error:
            if form is not None:
                form.add_error(_form_field(form, error), error.message)
            else:
                context["error"] = error.message
            return render(request, "accounts/invitation_accept.html", context, status=400)
        if situation == NEWCOMER:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome. You are now part of %(organization)s as %(role)s.")
            % {"organization": invitation.organization, "role": invitation.get_role_display().lower()},
        )
        return redirect("home")

    return render(request, "accounts/invitation_accept.html", context)


def _form_field(form, error: DomainError) -> str | None:
    return error.field if error.field in form.fields else None
