"""Forms of the public membership application and of the secretariat's decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind, MembershipApplication, Province, ValueChainSegment

_application_field = MembershipApplication._meta.get_field


def _max_length(name: str) -> int:
    return _application_field(name).max_length


class ApplicationForm(forms.Form):
    """Only validates; `application_submit` decides whether the name can apply."""

    organization_name = forms.CharField(
        label=_("Organization name"),
        max_length=_max_length("organization_name"),
        help_text=_("The legal or usual name, as members will see it in the directory."),
    )
    kind = forms.ChoiceField(label=_("Kind of organization"), choices=[("", "---------"), *Kind.choices])
    province = forms.ChoiceField(
        label=_("Province or territory"), choices=[("", "---------"), *Province.choices]
    )
    city = forms.CharField(label=_("City"), max_length=_max_length("city"), required=False)
    segments = forms.ModelMultipleChoiceField(
        label=_("Value-chain segments"),
        queryset=ValueChainSegment.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick every part of the battery value chain you work in."),
    )
    is_canadian_owned = forms.TypedChoiceField(
        label=_("Is your organization Canadian-owned?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether your organization is Canadian-owned.")},
        help_text=_(
            "Some patents in the pool are licensed only to Canadian-owned members. The secretariat "
            "confirms your answer before approving; after that, only the secretariat changes it."
        ),
    )
    website = forms.URLField(
        label=_("Website"), max_length=_max_length("website"), required=False, assume_scheme="https"
    )
    description = forms.CharField(
        label=_("What your organization does"),
        max_length=_max_length("description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences for the secretariat and, once approved, for the directory."),
    )
    applicant_name = forms.CharField(label=_("Your full name"), max_length=_max_length("applicant_name"))
    applicant_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=_max_length("applicant_email"),
        help_text=_("Once approved, you receive here a link to set your password."),
    )
    applicant_job_title = forms.CharField(
        label=_("Your job title"), max_length=_max_length("applicant_job_title"), required=False
    )
    # A field people never see; bots that fill every field give themselves away.
    leave_empty = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_from_a_bot(self) -> bool:
        return bool(self.cleaned_data.get("leave_empty"))

    def application_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("leave_empty", None)
        data["segments"] = list(data["segments"])
        return data
