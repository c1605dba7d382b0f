"""Forms of the roadmap pages: a status update, naming the owner, and a report's period."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.errors import DomainError

from .models import Status, StatusUpdate
from .services import (
    MAX_EVIDENCE_LINK_LENGTH,
    MAX_EVIDENCE_LINKS,
    validate_evidence_links,
    validate_status_and_percent,
)

TEXT_LIMIT = 5000
MAX_REPORT_DAYS = 366
DEFAULT_REPORT_DAYS = 30


class StatusUpdateForm(forms.Form):
    """A status update. `version` is the action's version when the form was shown, so a post
    based on an older version is refused (see services.status_update_post); `seen_update` is the
    latest update shown then, so a refused post can show what came since."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    seen_update = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    percent_done = forms.IntegerField(
        label=_("Percent done"),
        min_value=0,
        max_value=100,
        help_text=_("0 when not started, 100 exactly when done."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What changed since the last update."),
    )
    blockers = forms.CharField(
        label=_("Blockers"), max_length=TEXT_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    asks = forms.CharField(
        label=_("Asks of the alliance"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_steps = forms.CharField(
        label=_("Next steps"), max_length=TEXT_LIMIT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_links = forms.CharField(
        label=_("Links to evidence"),
        required=False,
        max_length=MAX_EVIDENCE_LINKS * (MAX_EVIDENCE_LINK_LENGTH + 2),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line, starting with https:// or http://."),
    )

    @classmethod
    def initial_for(cls, action, latest: StatusUpdate | None) -> dict:
        """Start from the last update's values; the summary is new each time."""
        initial = {
            "version": action.version,
            "seen_update": latest.pk if latest else None,
            "status": action.status,
            "percent_done": action.percent_done,
        }
        if latest is not None:
            initial.update(
                status=latest.status,
                percent_done=latest.percent_done,
                blockers=latest.blockers,
                asks=latest.asks,
                next_steps=latest.next_steps,
                evidence_links="\n".join(latest.evidence_links),
            )
        return initial

    def clean_summary(self):
        summary = self.cleaned_data["summary"].strip()
        if not summary:
            raise ValidationError(_("Write a short summary of what changed."))
        return summary

    def clean_evidence_links(self):
        """One link per line, checked by the same rule as the API's (services.validate_evidence_links)."""
        lines = self.cleaned_data["evidence_links"].splitlines()
        try:
            return validate_evidence_links(lines)
        except DomainError as error:
            raise ValidationError(error.message) from None

    def clean(self):
        cleaned_data = super().clean()
        if "version" in self.errors or "seen_update" in self.errors:
            self.add_error(None, _("This form is out of date. Reload the page and post again."))
        status, percent_done = cleaned_data.get("status"), cleaned_data.get("percent_done")
        if status and percent_done is not None:
            try:
                validate_status_and_percent(status=status, percent_done=percent_done)
            except DomainError as error:
                self.add_error(error.field, error.message)
        return cleaned_data

    def service_arguments(self) -> dict:
        """The cleaned values as status_update_post takes them."""
        data = self.cleaned_data
        return {
            "version": data["version"],
            "status": data["status"],
            "percent_done": data["percent_done"],
            "summary": data["summary"],
            "blockers": data["blockers"],
            "asks": data["asks"],
            "next_steps": data["next_steps"],
            "evidence_links": data["evidence_links"],
        }


class OwnerForm(forms.Form):
    """Name the action's owner from the owning group's members (or nobody)."""

    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("Nobody yet"),
        help_text=_("The person who keeps this action's status up to date, with the group's leads."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = candidates


class ReportPeriodForm(forms.Form):
    """The period of a group's report: the last 30 days unless chosen."""

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), required=False)
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}), required=False)

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        end = cleaned_data.get("end") or timezone.localdate()
        start = cleaned_data.get("start") or end - timedelta(days=DEFAULT_REPORT_DAYS)
        if start > end:
            raise ValidationError(_("The start of the period comes before its end."))
        if (end - start).days > MAX_REPORT_DAYS:
            raise ValidationError(_("Choose a period of at most %(days)d days.") % {"days": MAX_REPORT_DAYS})
        cleaned_data.update(start=start, end=end)
        return cleaned_data

    @classmethod
    def default_period(cls):
        end = timezone.localdate()
        return end - timedelta(days=DEFAULT_REPORT_DAYS), end
