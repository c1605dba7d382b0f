"""Admin pieces every app's admin uses: read-only records and history, autocomplete fields that
survive junk ids, and list actions that ask staff for a reason on an intermediate page before
calling a service."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .errors import DomainError


class ReadOnlyMixin:
    """For records only services write (append-only history, outbox rows): staff read them, and
    change them, if at all, through the actions that call those services. Fits model admins and
    inlines alike."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyHistoryMixin:
    """History pages that only show: restoring an old version would bypass the services that
    change the status (and their records and e-mails)."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class VersionedAdminMixin:
    """For records whose portal edit page carries a version (apps/core/edit_conflicts.py): a save
    in the admin moves the version on too, so a portal form opened before it cannot undo it."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version = F("version") + 1
        super().save_model(request, obj, form, change)
        if change:
            obj.refresh_from_db(fields=["version"])


class _CheckedAutocompleteMixin:
    """Django's autocomplete widget looks the submitted ids up as they are to show them again, so a
    value that is no id ("abc", "1; drop") broke the page (500) when the form came back with its
    error. Only values the related key can hold are looked up; the form's own validation tells
    staff what is wrong with the others."""

    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [item for item in value if self._is_possible_key(item)], attr)

    def _is_possible_key(self, item) -> bool:
        related_options = self.field.remote_field.model._meta
        key_name = getattr(self.field.remote_field, "field_name", None) or related_options.pk.name
        key_field = related_options.get_field(key_name)
        try:
            # Validators too: they hold the database's integer range, past which a lookup fails.
            key_field.run_validators(key_field.to_python(item))
        except ValidationError:
            return False
        return True


class CheckedAutocompleteSelect(_CheckedAutocompleteMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(_CheckedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids outside the database's integer range as invalid, before looking them up (on
    SQLite such a lookup raises instead of finding nothing)."""

    def _check_values(self, value):
        options = self.queryset.model._meta
        key_field = options.get_field(self.to_field_name) if self.to_field_name else options.pk
        for item in value or ():
            try:
                key_field.run_validators(key_field.to_python(item))
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                ) from None
        return super()._check_values(value)


class CheckedAutocompleteMixin:
    """For every model admin and inline with `autocomplete_fields` (a test keeps it so): their
    widgets re-show only possible ids, so junk input is a form error, never a 500."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ReasonForm(forms.Form):
    """The reason staff give for a change that needs one (a rejection, a suspension, hiding)."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Recorded with the change and sent by e-mail to the people concerned."),
    )


def render_reason_page(request, modeladmin, *, objects, form, title, intro, button, action="", status=200):
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": opts,
        "title": title,
        "intro": intro,
        "button": button,
        "objects": objects,
        "form": form,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "cancel_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
    }
    return TemplateResponse(request, "admin/reason_form.html", context, status=status)


def apply_to_each(modeladmin, request, objects, change) -> int:
    """Run `change(obj)` on each object; report each refusal, return how many succeeded."""
    done = 0
    for obj in objects:
        try:
            change(obj)
        except DomainError as error:
            modeladmin.message_user(request, f"{obj}: {error.message}", messages.ERROR)
        else:
            done += 1
    return done


def reason_action(modeladmin, request, queryset, *, service, title, intro, button, done_message):
    """A list action that asks for a reason first, then runs `service` on each selected object."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        done = apply_to_each(
            modeladmin, request, queryset, lambda obj: service(obj, actor=request.user, reason=reason)
        )
        if done:
            modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        return None
    return render_reason_page(
        request,
        modeladmin,
        objects=list(queryset),
        form=form,
        title=title,
        intro=intro,
        button=button,
        action=request.POST.get("action", ""),
        status=400 if form.is_bound else 200,
    )
