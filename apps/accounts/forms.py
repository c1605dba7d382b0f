"""Forms for signing in, passwords, the profile and accepting an invitation.

They validate input only; the writes happen in services. Django's password forms write in
`set_password_and_save`; ours hand that to `user_password_set`, which also revokes API tokens.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, User
from .services import password_reset_request


class SignInForm(auth_forms.AuthenticationForm):
    """Django's sign-in form, worded for e-mail addresses, which are matched in any case."""

    username = auth_forms.UsernameField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "This e-mail address and password do not match an account. Check them and try again."
        ),
        "inactive": _("This account is deactivated. Contact the secretariat."),
    }


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, with the e-mail sent from the outbox (the link is made when it is
    sent, so no secret waits in the broker and Redis being down only delays it).

    Whether or not the address has an account, the person sees the same page next; an address
    without an active account records nothing.
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def save(self, *args, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            password_reset_request(user=user)


class PasswordSetThroughService:
    """For Django's password forms: the new password is set by the service that also revokes
    the person's API tokens, in one transaction. `revoked_token_count` says how many went."""

    token_revoke_reason = ApiToken.RevokedReason.PASSWORD_CHANGED
    revoked_token_count = 0

    def set_password_and_save(self, user, password_field_name="password1", commit=True, **kwargs):  # noqa: S107 a field name
        from .services import user_password_set

        # The admin's form can switch password sign-in off altogether (no usable password).
        usable = self.cleaned_data.get("set_usable_password", True)
        self.revoked_token_count = user_password_set(
            user=user,
            password=self.cleaned_data[password_field_name] if usable else None,
            reason=self.token_revoke_reason,
        )
        return user


class PasswordChangeForm(PasswordSetThroughService, auth_forms.PasswordChangeForm):
    """A signed-in person changes their own password (old one first)."""


class SetPasswordForm(PasswordSetThroughService, auth_forms.SetPasswordForm):
    """The e-mailed reset link's form."""

    token_revoke_reason = ApiToken.RevokedReason.PASSWORD_RESET


class AdminPasswordChangeForm(PasswordSetThroughService, auth_forms.AdminPasswordChangeForm):
    """The admin's password form for a person (UserAdmin.change_password_form)."""


class ConfirmIdentityForm(forms.Form):
    """“Confirm it's you”: the signed-in person types their password again.

    The check goes through `authenticate`, so failures count towards the lockout as at sign-in.
    """

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": _("Type your password.")},
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        confirmed = authenticate(self.request, username=user.email, password=password)
        if confirmed is None or confirmed.pk != user.pk:
            raise forms.ValidationError(
                _("That is not your password. Try again."), code="password_incorrect"
            )
        return password


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    preferred_language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("The language of the portal and of the e-mails it sends you."),
    )


class InvitationAcceptForm(forms.Form):
    """A newcomer's name and password; the strength rules are checked by `invitation_accept`."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password and not only digits."),
    )
    password_confirmation = forms.CharField(
        label=_("Password again"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned_data = super().clean()
        password = cleaned_data.get("password")
        confirmation = cleaned_data.get("password_confirmation")
        if password and confirmation and password != confirmation:
            raise forms.ValidationError(
                {"password_confirmation": _("The two passwords differ. Type the same one twice.")}
            )
        return cleaned_data


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    """The admin's "add person" form: e-mail and name instead of a username."""

    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("A person with this e-mail address already exists."))
        return email


class AdminUserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).strip().lower()
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("A person with this e-mail address already exists."))
        return email
