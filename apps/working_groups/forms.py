from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.edit_conflicts import VersionedForm

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


class CharterForm(VersionedForm):
    """The summary and charter in English and in French; a language left empty shows the other,
    marked as not yet translated. It carries the group's version (apps/core/edit_conflicts.py)."""

    summary_en = forms.CharField(
        label=_("Summary in English"),
        max_length=WorkingGroup._meta.get_field("summary").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
        help_text=_("One or two sentences, shown on the list of groups."),
    )
    summary_fr = forms.CharField(
        label=_("Summary in French"),
        max_length=WorkingGroup._meta.get_field("summary").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "fr"}),
    )
    charter_en = forms.CharField(
        label=_("Charter in English"),
        max_length=WorkingGroup._meta.get_field("charter").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "lang": "en"}),
        help_text=_("Plain text: what the group is for, its goals and how it works. Line breaks are kept."),
    )
    charter_fr = forms.CharField(
        label=_("Charter in French"),
        max_length=WorkingGroup._meta.get_field("charter").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "lang": "fr"}),
    )

    @classmethod
    def for_group(cls, group: WorkingGroup, data=None):
        return cls(data, initial=cls.initial_for(group))

    @classmethod
    def initial_for(cls, group: WorkingGroup) -> dict:
        texts = {name: getattr(group, name) or "" for name in cls.base_fields if name != "version"}
        return {"version": group.version, **texts}
