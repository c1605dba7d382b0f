from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.roadmap.models import Area
from apps.working_groups.models import WorkingGroup

from .cache import cached_figures
from .selectors import Filters


def _filter_choices() -> tuple[list, list]:
    areas = Area.objects.order_by("pillar__position", "position").values_list("code", "name")
    groups = WorkingGroup.objects.filter(is_active=True).order_by("name").values_list("slug", "name")
    return [(code, f"{name} ({code})") for code, name in areas], list(groups)


class DashboardFilterForm(forms.Form):
    """One area or one working group (or neither): narrows the roadmap and activity parts."""

    area = forms.ChoiceField(label=_("Area"), required=False)
    working_group = forms.ChoiceField(label=_("Working group"), required=False)

    def __init__(self, *args, with_groups: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        language = translation.get_language() or "en"
        areas, groups = cached_figures(f"filter-choices:{language}", _filter_choices)
        self.fields["area"].choices = [("", _("All areas")), *areas]
        if with_groups:
            self.fields["working_group"].choices = [("", _("All working groups")), *groups]
        else:
            del self.fields["working_group"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("area") and cleaned.get("working_group"):
            raise forms.ValidationError(_("Choose one area or one working group, not both."))
        return cleaned

    def filters(self) -> Filters:
        """The chosen filter, or none when the choice is not valid."""
        if not self.is_valid():
            return Filters()
        return Filters(
            area=self.cleaned_data["area"], working_group=self.cleaned_data.get("working_group", "")
        )
