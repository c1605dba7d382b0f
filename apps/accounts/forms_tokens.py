"""The form that names a new API token (the profile's API token page)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services_tokens import TOKEN_NAME_MAX_LENGTH


class ApiTokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=TOKEN_NAME_MAX_LENGTH,
        help_text=_("What will use it, e.g. “quarterly reporting script”."),
        error_messages={"required": _("Name the token after what will use it.")},
    )
