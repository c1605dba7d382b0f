"""Forms of the organization pages and people management. They check shape and length only; the
rules (unique name, last contact, already invited) live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Invitation
from apps.core.edit_conflicts import VersionedForm

from .models import Kind, Membership, Organization, Province, ValueChainSegment


class OrganizationProfileForm(VersionedForm):
    """A plain form rather than a ModelForm, so nothing touches the organization before the service
    validates and saves it. "Canadian-owned" is not here: licences restricted to Canadian-owned
    members depend on it, so the secretariat confirms it at approval and only staff change it (in
    the admin); the page shows it read-only. It carries the profile's version (see
    apps/core/edit_conflicts.py)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    province = forms.ChoiceField(label=_("Province or territory"), choices=Province.choices)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    segments = forms.ModelMultipleChoiceField(
        label=_("Value-chain segments"),
        queryset=ValueChainSegment.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label=_("Website"), max_length=200, required=False, assume_scheme="https")
    description_en = forms.CharField(
        label=_("Description in English"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "en"}),
        help_text=_("What the organization does in the battery value chain. Up to 5,000 characters."),
    )
    description_fr = forms.CharField(
        label=_("Description in French"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "fr"}),
        help_text=_("Left empty, members reading in French see the English text, marked as such."),
    )

    @classmethod
    def initial_for(cls, organization: Organization) -> dict:
        return {
            "version": organization.version,
            "name": organization.name,
            "kind": organization.kind,
            "province": organization.province,
            "city": organization.city,
            "segments": list(organization.segments.all()),
            "website": organization.website,
            "description_en": organization.description_en or "",
            "description_fr": organization.description_fr or "",
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Invitation.Role.choices,
        initial=Invitation.Role.MEMBER,
        help_text=_("Contacts keep the organization's profile and people; members take part."),
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
