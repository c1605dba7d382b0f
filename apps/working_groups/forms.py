from django import forms
from django.utils.translation import gettext_lazy as _

from .models import JoinRequest, WorkingGroup

APPROVE = "approve"
DECLINE = "decline"


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the leads (optional)"),
        help_text=_("Say what you would bring to the group or hope to get from it."),
        max_length=JoinRequest._meta.get_field("message").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[(APPROVE, _("Approve")), (DECLINE, _("Decline"))]
    )
    note = forms.CharField(
        label=_("Note to the person (optional)"),
        max_length=JoinRequest._meta.get_field("decision_note").max_length,
        required=False,
    )


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The address a person at an active member organization signs in with."),
        max_length=254,
    )


class CharterForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["summary", "charter"]
        labels = {"summary": _("Summary"), "charter": _("Charter")}
        help_texts = {
            "summary": _("One or two sentences, shown on the list of groups."),
            "charter": _(
                "Plain text: what the group is for, its goals and how it works. Line breaks are kept."
            ),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "charter": forms.Textarea(attrs={"rows": 18}),
        }
