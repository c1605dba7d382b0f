from django import forms
from django.utils.translation import gettext_lazy as _

from apps.patents.models import TechnologyArea

from .models import Frequency, NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = [
            "digest_frequency",
            "covers_my_groups",
            "covers_whole_roadmap",
            "covers_listings",
            "watched_areas",
            "covers_new_members",
            "immediate_email",
        ]
        widgets = {
            "digest_frequency": forms.RadioSelect,
            "watched_areas": forms.CheckboxSelectMultiple,
        }
        labels = {"digest_frequency": _("How often")}
        help_texts = {
            "digest_frequency": _(
                "One e-mail with what changed since your last digest. Nothing is sent when nothing changed."
            ),
            "covers_whole_roadmap": _("Every action's status changes, not only your groups'."),
            "immediate_email": _(
                "Licence requests and messages, join requests, reminders of updates you owe, "
                "being named lead or owner, membership renewals."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest_frequency"].choices = Frequency.choices
        self.fields["watched_areas"].queryset = TechnologyArea.objects.order_by("position")
        self.fields["watched_areas"].required = False


class UnsubscribeForm(forms.Form):
    """What a person chooses on the page a GET of the unsubscribe link shows."""

    frequency = forms.ChoiceField(
        choices=[(Frequency.NEVER, ""), (Frequency.WEEKLY, "")], required=False
    )
