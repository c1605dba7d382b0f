"""Edit pages that two people may have open at once (a patent listing, an organization profile, a
working group's charter) carry the record's version, as status updates do: a save based on an old
version is refused with Conflict, and the page comes back with what the person typed, a message,
and what is saved now, so nobody silently undoes someone else's change.

The service checks the version under a row lock (`claim_version`); the view builds the answer with
`conflict_page_context`; templates/includes/edit_conflict.html shows it.
"""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .errors import Conflict


class VersionedForm(forms.Form):
    """Adds the hidden version the page was shown with."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self):
        cleaned_data = super().clean()
        if "version" in self.errors:
            self.add_error(None, _("This form is out of date. Reload the page and save again."))
        return cleaned_data


def claim_version(model: type[models.Model], pk: int, version: int, *, refusal: str) -> models.Model:
    """Lock the row and move its version on, or raise Conflict when it is no longer `version`.

    Call inside the service's transaction before changing anything; the lock makes a second save
    on the same version wait for the first and then see the new version.
    """
    record = model.objects.select_for_update().get(pk=pk)
    if record.version != version:
        raise Conflict(refusal)
    record.version = version + 1
    return record


@dataclass(frozen=True)
class SavedValue:
    label: str
    value: str


@dataclass(frozen=True)
class EditConflict:
    message: str
    saved_values: list[SavedValue]
    saved_by: str
    saved_at: datetime | None


def _display(field: forms.Field, value) -> str:
    if value in (None, "", [], ()):
        return gettext("(empty)")
    if isinstance(field, forms.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(item) for item in value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, forms.DateField):
        return date_format(value)
    return str(value)


def _saved_values(form: forms.Form, saved: dict) -> list[SavedValue]:
    """The fields where what is saved now differs from what the person typed."""
    differing = []
    for name, field in form.fields.items():
        if name == "version" or name not in saved or isinstance(field, forms.FileField):
            continue
        if field.has_changed(saved[name], form[name].data):
            differing.append(SavedValue(label=str(field.label), value=_display(field, saved[name])))
    return differing


def conflict_page_context(
    *, error: Conflict, form: forms.Form, record: models.Model, saved: dict, form_factory
) -> dict:
    """What an edit page shows after a refused save: the person's text in a form that now carries
    the current version (so saving again is a deliberate choice), and what is saved now.

    `saved` is the form's initial values for the record as it is now; `form_factory(data)` builds
    the page's form around posted data.
    """
    data = form.data.copy()
    data["version"] = record.version
    kept_form = form_factory(data)
    kept_form.is_valid()
    latest = record.history.select_related("history_user").first()
    conflict = EditConflict(
        message=error.message,
        saved_values=_saved_values(kept_form, saved),
        saved_by=str(latest.history_user) if latest and latest.history_user else "",
        saved_at=latest.history_date if latest else None,
    )
    return {"form": kept_form, "conflict": conflict}
