"""Forms of the licence request pages. Each field's limit matches the model's."""

from django import forms
from django.utils.translation import gettext_lazy as _


class LicenceRequestForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Requesting organization"),
        queryset=None,
        empty_label=None,
        help_text=_("The organization that would hold the licence."),
    )
    intended_use = forms.CharField(
        label=_("Intended use"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What your organization would do with the patent: product, process, scale, timeline."),
    )
    message = forms.CharField(
        label=_("Message to the owner"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class LicenceSignedForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Licence signed on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day both sides signed the licence; not in the future."),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The requester reads it."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
